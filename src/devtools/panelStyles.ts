/**
 * The panel's CSS. It lives inside the panel's shadow root, so it cannot reach the host page; `:host { all:
 * initial }` stops the page's inherited styles (font, color, line-height) from reaching in. The `cad-` prefix
 * keeps it scoped too when shadow DOM is unavailable.
 */
export const panelStyles = `
:host { all: initial; }
.cad-root {
  position: fixed; z-index: 2147483000; max-width: calc(100vw - 16px);
  font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #e6e8eb;
}
.cad-root * { box-sizing: border-box; }
/* the toggle comes first in the DOM (so Tab goes from it into the panel); bottom corners show it below */
.cad-root { display: flex; flex-direction: column; align-items: flex-start; gap: 6px; }
.cad-bottom-right, .cad-bottom-left { flex-direction: column-reverse; bottom: 8px; }
.cad-top-right, .cad-top-left { top: 8px; }
.cad-bottom-right, .cad-top-right { right: 8px; align-items: flex-end; }
.cad-bottom-left, .cad-top-left { left: 8px; }
.cad-root button, .cad-root select {
  font: inherit; color: inherit; background: #2a2f37; border: 1px solid #454c57; border-radius: 4px;
  padding: 2px 8px; cursor: pointer;
}
.cad-root select { max-width: 180px; }
.cad-root button:focus-visible, .cad-root select:focus-visible, .cad-row:focus-visible {
  outline: 2px solid #7cc4ff; outline-offset: 1px;
}
.cad-toggle { background: #14171c; border-color: #7cc4ff; padding: 4px 10px; }
.cad-count { margin-left: 6px; padding: 0 6px; border-radius: 8px; background: #2d5a86; }
.cad-panel {
  width: 720px; max-width: 100%; height: 360px; max-height: 70vh; display: flex;
  flex-direction: column; background: #14171c; border: 1px solid #454c57; border-radius: 6px; overflow: hidden;
}
.cad-toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px; border-bottom: 1px solid #2a2f37; }
.cad-toolbar .cad-spacer { flex: 1; }
.cad-notice { color: #9fd49f; }
.cad-list { list-style: none; margin: 0; padding: 0; overflow: auto; flex: 1; }
.cad-row {
  display: grid; grid-template-columns: 88px minmax(0, 1.4fr) minmax(0, 1fr) minmax(0, 1fr) 72px 72px; gap: 8px; width: 100%;
  text-align: left; border: 0; border-bottom: 1px solid #1f242b; border-radius: 0; background: transparent; padding: 4px 8px;
}
.cad-row:hover { background: #1c2128; }
/* read by screen readers between the cells, never shown (absolutely placed: it takes no grid cell) */
.cad-row .cad-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
/* the name first for screen readers, the time first on screen */
.cad-row .cad-dim { order: -1; }
.cad-row span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.cad-name { color: #ffffff; font-weight: 600; }
.cad-dim { color: #9aa3ad; }
.cad-ok { color: #9fd49f; } .cad-warn { color: #f2c46d; } .cad-bad { color: #ff8f8f; }
.cad-details { padding: 6px 12px 10px; background: #0f1216; border-bottom: 1px solid #2a2f37; }
.cad-details pre { margin: 4px 0; white-space: pre-wrap; word-break: break-word; }
.cad-details ul { margin: 4px 0; padding-left: 18px; }
.cad-empty { padding: 16px; color: #9aa3ad; }
`
