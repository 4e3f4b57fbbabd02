/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

/** The shared page frame of the server-rendered pages (insights, drill-down). */
export function pageFrame(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<header class="top">
  <strong>Stocks copilot</strong>
  <nav><a href="/">Chat</a><a href="/insights">Insights</a><a href="/collector">Collector</a></nav>
</header>
<main>${body}</main>
</body>
</html>`
}

const STYLES = `
:root { color-scheme: light; --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --brand: #4f46e5; --good: #16a34a; --bad: #dc2626; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f8fafc; }
.top { display: flex; gap: 24px; align-items: center; padding: 12px 24px; background: #0f172a; color: white; }
.top nav { display: flex; gap: 16px; }
.top a { color: #cbd5e1; text-decoration: none; }
.top a:hover { color: white; }
main { max-width: 1120px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 15px; margin: 0 0 12px; }
.lead { color: var(--muted); margin: 0 0 20px; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-bottom: 16px; }
.stat { background: white; border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.stat .label { display: block; color: var(--muted); font-size: 12px; }
.stat .value { font-size: 24px; font-weight: 650; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; margin-bottom: 16px; }
.card { background: white; border: 1px solid var(--line); border-radius: 10px; padding: 16px; }
.card p.note { color: var(--muted); margin: 8px 0 0; font-size: 12px; }
.empty { color: var(--muted); background: #f1f5f9; border-radius: 8px; padding: 14px; margin: 0; }
.empty code, .hint code { background: white; border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; }
svg text { font: 11px system-ui, sans-serif; fill: #334155; }
.card svg { display: block; max-height: 240px; }
.card .stats { grid-template-columns: repeat(2, 1fr); margin: 12px 0 0; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
a { color: var(--brand); }
pre { margin: 0; white-space: pre-wrap; word-break: break-word; font-size: 12px; max-width: 560px; }
.tag { display: inline-block; padding: 1px 6px; border-radius: 999px; font-size: 12px; background: #eef2ff; color: #3730a3; }
.tag.bad { background: #fee2e2; color: #991b1b; }
.tag.ended { background: #f1f5f9; color: #334155; }
.tag.idle { background: #fef3c7; color: #78350f; }
.tag.open { background: #dcfce7; color: #14532d; }
.welcome { background: #eef2ff; border: 1px solid #c7d2fe; border-radius: 10px; padding: 16px; margin-bottom: 16px; }
.welcome ol { margin: 8px 0 0; padding-left: 20px; }
`
