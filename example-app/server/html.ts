/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

/** The shared page frame of the server-rendered pages (insights, drill-down, not found). */
export function pageFrame(title: string, body: string, current?: 'insights' | 'people'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${STYLES}</style>
</head>
<body>
<header class="top">
  <strong>Stocks copilot</strong>
  <nav aria-label="Pages"><a href="/">Chat</a><a href="/insights"${current === 'insights' ? ' aria-current="page"' : ''}>Insights</a><a href="/insights/people"${current === 'people' ? ' aria-current="page"' : ''}>People</a><a href="/collector">Collector</a></nav>
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
.top a:hover, .top a[aria-current] { color: white; }
a:focus-visible, button:focus-visible { outline: 3px solid #818cf8; outline-offset: 2px; }
.table-scroll { overflow-x: auto; }
.table-scroll th, .table-scroll td { white-space: nowrap; }
.table-scroll:focus-visible { outline: 3px solid #818cf8; }
main { max-width: 1120px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 15px; margin: 0 0 12px; }
.lead { color: var(--muted); margin: 0 0 20px; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(150px, 100%), 1fr)); gap: 12px; margin-bottom: 16px; }
.stat { background: white; border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.stat .label { display: block; color: var(--muted); font-size: 12px; }
.stat .value { font-size: 24px; font-weight: 650; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(340px, 100%), 1fr)); gap: 16px; margin-bottom: 16px; }
.card { background: white; border: 1px solid var(--line); border-radius: 10px; padding: 16px; }
.card p.note { color: var(--muted); margin: 8px 0 0; font-size: 12px; }
.empty { color: var(--muted); background: #f1f5f9; border-radius: 8px; padding: 14px; margin: 0; }
.empty code, .hint code { background: white; border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; }
ul.columns, ul.bars { list-style: none; margin: 0; padding: 0; }
ul.columns { display: flex; align-items: stretch; gap: 8px; height: 180px; border-bottom: 1px solid #cbd5e1; padding: 0 4px; }
ul.columns li { flex: 1 1 0; max-width: 64px; margin: 0 auto; display: flex; flex-direction: column; justify-content: flex-end; align-items: center; min-width: 0; position: relative; }
ul.columns .chart-bar { display: block; width: 100%; border-radius: 4px 4px 0 0; min-height: 2px; }
ul.columns .chart-value { font-size: 13px; font-weight: 600; margin-bottom: 2px; }
ul.columns .chart-label { position: absolute; top: 100%; margin-top: 4px; font-size: 12px; color: #334155; white-space: nowrap; }
.chart { padding-bottom: 22px; }
.chart-axis { color: var(--muted); font-size: 12px; text-align: center; margin: 24px 0 0; }
ul.bars { display: grid; grid-template-columns: minmax(80px, max-content) minmax(60px, 1fr) auto; gap: 8px 10px; align-items: center; }
ul.bars li { display: contents; }
ul.bars .chart-label { font-size: 13px; text-align: right; color: #334155; }
ul.bars .chart-track { position: relative; height: 18px; }
ul.bars.signed .chart-track { background: linear-gradient(#94a3b8, #94a3b8) var(--zero) 0 / 1px 100% no-repeat; }
ul.bars .chart-bar { position: absolute; top: 0; bottom: 0; border-radius: 3px; }
ul.bars .chart-value { font-size: 13px; font-variant-numeric: tabular-nums; white-space: nowrap; }
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
svg.thumb { display: inline; vertical-align: -3px; color: var(--ink); }
@media (max-width: 600px) {
  .top { padding: 10px 12px; gap: 12px; flex-wrap: wrap; }
  main { padding: 16px 12px; }
  .card { padding: 12px; }
}
`

/** The page for a URL the app does not have (status 404). */
export function notFoundPage(path: string): string {
  return pageFrame(
    'Page not found · Stocks copilot',
    `<h1>Page not found</h1>
<p class="lead">There is no page at <code>${escapeHtml(path)}</code>.</p>
<p><a href="/">Back to the chat</a> · <a href="/insights">Insights</a> · <a href="/collector">Collector</a></p>`,
  )
}
