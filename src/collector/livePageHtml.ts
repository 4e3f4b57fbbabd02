/**
 * The live page: every event as it arrives (newest first, streamed from `/api/stream`), with the spec's verdict,
 * filterable by event name and conversation. Self-contained: no script or style from anywhere else.
 */
export function livePageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>copilot-analytics collector</title>
<style>
  :root { color-scheme: light dark; font: 14px/1.4 system-ui, sans-serif; }
  body { margin: 0; }
  header { position: sticky; top: 0; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; padding: 10px 16px; background: Canvas; border-bottom: 1px solid #8884; }
  h1 { font-size: 16px; margin: 0 12px 0 0; }
  input { font: inherit; padding: 4px 6px; }
  #status { margin-left: auto; font-size: 12px; opacity: .75; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: 6px 16px; border-bottom: 1px solid #8882; vertical-align: top; }
  th { font-weight: 600; font-size: 12px; opacity: .75; }
  td.time, td.conv { font-family: ui-monospace, monospace; font-size: 12px; white-space: nowrap; }
  .ok { color: #1a7f37; } .bad { color: #cf222e; }
  details pre { margin: 4px 0 0; font-size: 12px; white-space: pre-wrap; word-break: break-all; }
  tr.fresh { animation: fresh 1.2s ease-out; }
  @keyframes fresh { from { background: #fff3a0; } }
</style>
</head>
<body>
<header>
  <h1>Copilot events</h1>
  <label>Event <input id="event" list="event-names" placeholder="any" autocomplete="off"></label>
  <datalist id="event-names"></datalist>
  <label>Conversation <input id="conversation" placeholder="any" autocomplete="off"></label>
  <span id="count"></span>
  <span id="status">connecting…</span>
</header>
<table>
  <thead><tr><th>Time</th><th>Event</th><th>Conversation</th><th>Verdict</th><th>Details</th></tr></thead>
  <tbody id="events"></tbody>
</table>
<script>
(() => {
  const MAX_ROWS = 1000
  const rows = []
  const seen = new Set()
  const names = new Set()
  const tbody = document.getElementById('events')
  const eventInput = document.getElementById('event')
  const conversationInput = document.getElementById('conversation')
  const status = document.getElementById('status')
  const count = document.getElementById('count')
  const el = (tag, text, className) => {
    const node = document.createElement(tag)
    if (text !== undefined) node.textContent = text
    if (className) node.className = className
    return node
  }
  const matches = (row) => {
    const name = eventInput.value.trim().toLowerCase()
    const conversation = conversationInput.value.trim()
    const label = (row.event || row.type || '').toLowerCase()
    return (!name || label.includes(name)) && (!conversation || (row.conversation_id || '').includes(conversation))
  }
  const render = (row, fresh) => {
    const tr = el('tr', undefined, fresh ? 'fresh' : '')
    tr.dataset.event = row.event || row.type
    tr.dataset.conversation = row.conversation_id || ''
    tr.dataset.valid = String(row.valid)
    tr.append(el('td', new Date(row.timestamp).toLocaleTimeString(), 'time'))
    tr.append(el('td', row.event || row.type))
    tr.append(el('td', row.conversation_id || '—', 'conv'))
    const verdict = el('td', undefined, row.valid ? 'ok' : 'bad')
    if (row.valid) verdict.textContent = '✓ valid'
    else {
      const problems = Array.isArray(row.problems) ? row.problems : []
      verdict.append(el('div', '✗ ' + problems.length + ' problem' + (problems.length === 1 ? '' : 's')))
      for (const p of problems) verdict.append(el('div', p.field + ': ' + p.message))
    }
    tr.append(verdict)
    const details = el('details')
    details.append(el('summary', row.type === 'identify' ? 'traits' : 'properties'))
    details.append(el('pre', JSON.stringify(row.type === 'identify' ? row.traits : row.properties, null, 2)))
    const more = el('details')
    more.append(el('summary', 'raw'))
    more.append(el('pre', JSON.stringify(row.raw, null, 2)))
    const cell = el('td')
    cell.append(details, more)
    tr.append(cell)
    tr.hidden = !matches(row)
    return tr
  }
  const add = (incoming, fresh) => {
    for (const row of incoming) {
      if (seen.has(row.message_id)) continue
      seen.add(row.message_id)
      rows.push(row)
      const name = row.event || row.type
      if (!names.has(name)) {
        names.add(name)
        const option = el('option')
        option.value = name
        document.getElementById('event-names').append(option)
      }
      tbody.prepend(render(row, fresh))
    }
    while (tbody.children.length > MAX_ROWS) tbody.lastElementChild.remove()
    count.textContent = rows.length + ' events'
  }
  const refilter = () => {
    for (const tr of tbody.children) tr.hidden = !matches({ event: tr.dataset.event, type: tr.dataset.event, conversation_id: tr.dataset.conversation })
  }
  eventInput.addEventListener('input', refilter)
  conversationInput.addEventListener('input', refilter)
  // --- reads with the write key (a collector started with --write-key answers 401 without it) ---
  // Asked once on a 401 and kept in sessionStorage (this tab only); sent as Authorization: Basic, never in a URL.
  const KEY_ITEM = 'copilot-analytics:collector-key'
  const NO_KEY = 'write key needed: reload to enter it'
  const keyHeader = () => {
    const key = sessionStorage.getItem(KEY_ITEM)
    return key === null ? {} : { Authorization: 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(key + ':'))) }
  }
  let asking = null
  const askKey = () => (asking ??= new Promise((resolve) => setTimeout(() => {
    const key = prompt('This collector needs its write key to show events:')
    if (key) sessionStorage.setItem(KEY_ITEM, key)
    asking = null
    resolve(Boolean(key))
  })))
  /** fetch with the key; on a 401 asks for it (once for concurrent reads) and tries again. */
  const authFetch = async (path) => {
    for (;;) {
      const sent = sessionStorage.getItem(KEY_ITEM)
      const response = await fetch(path, { headers: keyHeader(), cache: 'no-store' })
      if (response.status !== 401) return response
      // another read may have been given the key meanwhile
      if (sessionStorage.getItem(KEY_ITEM) !== sent) continue
      if (!(await askKey())) return response
    }
  }
  /** Server-sent events over fetch (EventSource cannot send a header): calls onRows per message, reconnects. */
  const streamRows = async (onRows, onOpen) => {
    for (;;) {
      try {
        const response = await authFetch('/api/stream')
        if (response.status === 401) { status.textContent = NO_KEY; return }
        if (!response.ok || !response.body) throw new Error('stream answered ' + response.status)
        onOpen()
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          for (let end = buffer.indexOf('\\n\\n'); end >= 0; end = buffer.indexOf('\\n\\n')) {
            const data = buffer.slice(0, end).split('\\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\\n')
            buffer = buffer.slice(end + 2)
            if (data) onRows(JSON.parse(data))
          }
        }
      } catch {}
      status.textContent = 'reconnecting…'
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }
  // --- end of the reads with the write key ---

  // stream first, history second: what arrives meanwhile waits, so nothing falls between the two
  let early = []
  const loadHistory = () => authFetch('/api/events?limit=' + MAX_ROWS)
    .then((response) => {
      if (response.status === 401) return void (status.textContent = NO_KEY)
      if (!response.ok) throw new Error('history answered ' + response.status)
      return response.json().then((initial) => add(initial, false))
    })
    .catch(() => { status.textContent = 'could not load history' })
    .finally(() => { const waiting = early || []; early = null; add(waiting, true) })
  let connected = false
  void streamRows(
    (incoming) => { if (early) early.push(...incoming); else add(incoming, true) },
    () => {
      status.textContent = 'live'
      // after a reconnect, what was sent while away comes from the history (add skips what is already shown)
      if (connected) { early = []; void loadHistory() }
      connected = true
    },
  )
  void loadHistory()
})()
</script>
</body>
</html>
`
}
