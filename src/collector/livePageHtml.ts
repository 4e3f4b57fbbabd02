/**
 * The live page: counts by event and verdict, then every event as it arrives (newest first), filterable by
 * event, conversation, user and verdict (kept in the URL); a row opens its properties with the spec validator's
 * problems marked; the stream can be paused; the forwarder's state when the collector forwards. Reads send the
 * write key (asked once on a 401, kept in sessionStorage), so the stream is read with fetch, not EventSource.
 * Self-contained: no script or style from anywhere else. `livePagePath` is where it is served, so it finds the API
 * also when the collector is mounted under a prefix.
 */
export function livePageHtml(livePagePath = '/'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Copilot events · copilot-analytics collector</title>
<style>
  :root { --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --brand: #4f46e5; --up: #16a34a; --down: #dc2626;
    font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); }
  * { box-sizing: border-box; }
  body { margin: 0; background: #f8fafc; }
  button, input, select { font: inherit; }
  button { cursor: pointer; }
  .muted { color: var(--muted); } .small { font-size: 12px; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  header { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center;
    padding: 10px 16px; background: #0f172a; color: #e2e8f0; }
  .brand { display: flex; align-items: center; gap: 8px; font-weight: 700; font-size: 16px; margin: 0; }
  .logo { display: inline-grid; place-items: center; width: 28px; height: 28px; border-radius: 8px; background: var(--brand); color: white; font-size: 13px; }
  #status { font-size: 12px; padding: 2px 10px; border-radius: 999px; border: 1px solid #334155; }
  #status.live { color: #86efac; border-color: #166534; }
  #pause { margin-left: auto; padding: 6px 12px; border-radius: 8px; border: 1px solid #334155; background: transparent; color: inherit; }
  #pause:hover { background: #1e293b; }
  main { padding: 16px max(16px, calc((100% - 1100px) / 2)); display: grid; gap: 16px; }
  .card { background: white; border: 1px solid var(--line); border-radius: 12px; padding: 12px 14px; }
  #counts { display: flex; flex-wrap: wrap; gap: 8px; }
  #counts button { display: grid; text-align: left; gap: 0; border: 1px solid var(--line); background: white; border-radius: 12px; padding: 8px 12px; min-width: 120px; }
  #counts button:hover, #counts button[aria-pressed="true"] { border-color: var(--brand); }
  #counts .n { font-size: 20px; font-weight: 700; font-variant-numeric: tabular-nums; }
  #counts .bad { color: var(--down); } #counts .ok { color: var(--up); }
  #forward { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; }
  #forward[hidden] { display: none; }
  #forward .failing { color: var(--down); }
  form.filters { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 8px; }
  .filters label { display: grid; gap: 2px; font-size: 13px; color: var(--muted); }
  .filters input, .filters select { padding: 6px 8px; border: 1px solid var(--line); border-radius: 8px; background: white; color: var(--ink); min-width: 0; }
  #shown { margin: 0; }
  #events { list-style: none; margin: 0; padding: 0; background: white; border: 1px solid var(--line); border-radius: 12px; overflow: hidden; }
  #events:empty { display: none; }
  #events li + li { border-top: 1px solid var(--line); }
  #events li[hidden] { display: none; }
  .row { display: grid; grid-template-columns: 90px minmax(0, 1.3fr) minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.4fr); gap: 12px; align-items: baseline;
    width: 100%; border: 0; background: transparent; text-align: left; padding: 10px 14px; color: inherit; }
  .row:hover { background: #f1f5f9; }
  .row[aria-expanded="true"] { background: #eef2ff; }
  .time, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
  .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .cell { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--muted); }
  .verdict.ok { color: var(--up); } .verdict.bad { color: var(--down); }
  li.fresh .row { animation: fresh 1.2s ease-out; }
  @keyframes fresh { from { background: #e0e7ff; } }
  .detail { padding: 4px 14px 14px; display: grid; gap: 8px; }
  .detail h3 { margin: 6px 0 0; font-size: 13px; color: var(--muted); font-weight: 600; }
  .props { margin: 0; display: grid; grid-template-columns: minmax(90px, max-content) 1fr; gap: 2px 12px; font-size: 13px; }
  .props dt { font-family: ui-monospace, monospace; color: var(--muted); }
  .props dd { margin: 0; font-family: ui-monospace, monospace; white-space: pre-wrap; word-break: break-word; }
  .props .problem { color: var(--down); font-weight: 600; }
  .problem-note { display: block; font-family: system-ui, sans-serif; font-weight: 400; font-size: 12px; }
  .problems { margin: 0; padding-left: 18px; color: var(--down); font-size: 13px; }
  pre { margin: 0; font-size: 12px; white-space: pre-wrap; word-break: break-all; background: #f8fafc; border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
  details summary { cursor: pointer; color: var(--muted); font-size: 13px; }
  #empty h2, #auth h2 { margin: 0 0 6px; font-size: 18px; }
  #empty p, #auth p { margin: 0 0 8px; }
  #auth form { display: flex; flex-wrap: wrap; gap: 8px; }
  #auth input { padding: 6px 8px; border: 1px solid var(--line); border-radius: 8px; min-width: 0; flex: 1; }
  .primary { padding: 6px 14px; border-radius: 8px; border: 1px solid var(--brand); background: var(--brand); color: white; font-weight: 600; }
  @media (max-width: 640px) {
    form.filters { grid-template-columns: 1fr 1fr; }
    #counts { flex-wrap: nowrap; overflow-x: auto; padding-bottom: 4px; }
    #counts button { min-width: 96px; flex: none; }
    .row { grid-template-columns: 64px minmax(0, 1fr); gap: 0 8px; }
    .row .conv, .row .user, .row .verdict { grid-column: 2; font-size: 13px; }
  }
</style>
</head>
<body>
<header>
  <h1 class="brand"><span class="logo" aria-hidden="true">CA</span> Copilot events</h1>
  <span id="status" role="status">connecting…</span>
  <button id="pause" type="button" aria-pressed="false">Pause</button>
</header>
<main>
  <section id="auth" class="card" hidden>
    <h2>This collector needs its write key</h2>
    <p class="muted">It was started with <code>--write-key</code>. The key is kept in this tab only (sessionStorage).</p>
    <form id="auth-form"><label class="visually-hidden" for="key">Write key</label>
      <input id="key" type="password" autocomplete="off" placeholder="write key" required>
      <button class="primary" type="submit">Show events</button></form>
    <p id="auth-error" class="small" role="alert"></p>
  </section>
  <section id="counts" aria-label="Counts by verdict and event"></section>
  <section id="forward" class="card" hidden aria-label="Forwarding"></section>
  <section id="empty" class="card" hidden>
    <h2>No events yet</h2>
    <p class="muted">Send the first one with curl:</p>
    <pre id="curl"></pre>
    <p class="muted">or point your app at this collector:</p>
    <pre id="snippet"></pre>
  </section>
  <form class="filters" id="filters" role="search">
    <label>Event <input id="event" name="event" list="event-names" placeholder="any" autocomplete="off"></label>
    <datalist id="event-names"></datalist>
    <label>Conversation <input id="conversation" name="conversation" placeholder="any" autocomplete="off"></label>
    <label>User <input id="user" name="user" placeholder="userId or anonymousId" autocomplete="off"></label>
    <label>Verdict <select id="verdict" name="verdict"><option value="">any</option><option value="valid">valid</option><option value="invalid">with problems</option></select></label>
  </form>
  <p id="shown" class="small muted"></p>
  <ul id="events" aria-label="Events, newest first"></ul>
</main>
<script>
(() => {
  const LIVE_PATH = ${JSON.stringify(livePagePath)}.replace(/\\/+$/, '')
  const here = location.pathname.replace(/\\/+$/, '')
  const BASE = LIVE_PATH && here.endsWith(LIVE_PATH) ? here.slice(0, here.length - LIVE_PATH.length) : here
  const KEY_STORE = 'copilot-analytics:collector-key'
  const MAX_ROWS = 1000
  const $ = (id) => document.getElementById(id)
  const el = (tag, text, className) => {
    const node = document.createElement(tag)
    if (text !== undefined && text !== null) node.textContent = text
    if (className) node.className = className
    return node
  }
  const rows = []
  const seen = new Set()
  const counts = { total: 0, invalid: 0, events: new Map() }
  let paused = false
  let held = []
  let streamAbort = null
  // "live" once the stream is open and the stored events are shown, not before
  let connected = false
  let early = []
  const status = (text, live) => { $('status').textContent = text; $('status').className = live ? 'live' : '' }
  const showState = () => {
    if (!connected || early) return
    if (paused) status(held.length ? 'paused · ' + held.length + ' new' : 'paused', false)
    else status('live', true)
  }

  // --- reads: the write key goes on every request once the collector asked for it
  const authHeaders = (key) => (key ? { Authorization: 'Basic ' + btoa(key + ':') } : {})
  let waitingForKey = null
  const askForKey = (message) => {
    status('write key needed', false)
    $('auth').hidden = false
    // the reads refused at the same time all land here: the first one's reason stays
    if (message || !waitingForKey) $('auth-error').textContent = message || ''
    $('key').focus()
    waitingForKey ??= new Promise((resolve) => {
      $('auth-form').onsubmit = (event) => {
        event.preventDefault()
        sessionStorage.setItem(KEY_STORE, $('key').value)
        $('auth').hidden = true
        waitingForKey = null
        resolve()
      }
    })
    return waitingForKey
  }
  const api = async (path, init = {}) => {
    for (;;) {
      const sent = sessionStorage.getItem(KEY_STORE)
      const response = await fetch(BASE + path, { ...init, headers: { ...authHeaders(sent), ...(init.headers || {}) } })
      if (response.status !== 401) return response
      // another read already dropped this key (or a new one was entered): try again with what is kept now
      if (sessionStorage.getItem(KEY_STORE) !== sent) continue
      sessionStorage.removeItem(KEY_STORE)
      await askForKey(sent ? 'That key was not accepted.' : '')
    }
  }
  const apiJson = async (path) => {
    const response = await api(path)
    if (!response.ok) throw new Error(path + ': ' + response.status)
    return response.json()
  }

  // --- filters, kept in the URL
  const FILTERS = ['event', 'conversation', 'user', 'verdict']
  const params = new URLSearchParams(location.search)
  for (const name of FILTERS) $(name).value = params.get(name) || ''
  const filter = () => Object.fromEntries(FILTERS.map((name) => [name, $(name).value.trim()]))
  const matches = (row, f = filter()) => {
    const label = (row.event || row.type || '').toLowerCase()
    return (!f.event || label.includes(f.event.toLowerCase()))
      && (!f.conversation || (row.conversation_id || '').includes(f.conversation))
      && (!f.user || (row.user_id || '').includes(f.user) || (row.anonymous_id || '').includes(f.user))
      && (!f.verdict || (f.verdict === 'valid') === Boolean(row.valid))
  }
  const applyFilters = () => {
    const f = filter()
    const query = new URLSearchParams()
    for (const name of FILTERS) if (f[name]) query.set(name, f[name])
    history.replaceState(null, '', location.pathname + (query.size ? '?' + query : ''))
    let shown = 0
    for (const li of $('events').children) {
      li.hidden = !matches(li.row, f)
      if (!li.hidden) shown++
    }
    $('shown').textContent = rows.length ? shown + ' of the newest ' + rows.length + ' events shown' : ''
    renderCounts()
  }
  $('filters').addEventListener('input', applyFilters)
  $('filters').addEventListener('submit', (event) => event.preventDefault())

  // --- counts by verdict and event (all stored events, then kept up to date from the stream)
  const countButton = (label, n, className, pressed, onClick) => {
    const button = el('button')
    button.type = 'button'
    button.setAttribute('aria-pressed', String(pressed))
    button.append(el('span', String(n), 'n ' + (className || '')), el('span', label, 'small muted'))
    button.onclick = onClick
    return button
  }
  const setFilter = (name, value) => {
    $(name).value = $(name).value === value ? '' : value
    applyFilters()
  }
  const renderCounts = () => {
    const f = filter()
    const box = $('counts')
    box.replaceChildren(
      countButton('events', counts.total, '', !f.verdict && !f.event, () => { for (const n of FILTERS) $(n).value = ''; applyFilters() }),
      countButton('valid', counts.total - counts.invalid, 'ok', f.verdict === 'valid', () => setFilter('verdict', 'valid')),
      countButton('with problems', counts.invalid, counts.invalid ? 'bad' : '', f.verdict === 'invalid', () => setFilter('verdict', 'invalid')),
    )
    const names = [...counts.events.entries()].sort((a, b) => b[1].count - a[1].count)
    const list = $('event-names')
    list.replaceChildren()
    for (const [name, c] of names) {
      const button = countButton(name, c.count, '', f.event === name, () => setFilter('event', name))
      if (c.invalid) button.append(el('span', c.invalid + ' with problems', 'small bad'))
      box.append(button)
      const option = el('option')
      option.value = name
      list.append(option)
    }
    $('empty').hidden = counts.total > 0
  }
  const count = (row) => {
    const name = row.event || row.type
    const c = counts.events.get(name) || { count: 0, invalid: 0 }
    c.count++
    if (!row.valid) c.invalid++
    counts.events.set(name, c)
    counts.total++
    if (!row.valid) counts.invalid++
  }

  // --- rows
  const time = (iso) => { const d = new Date(iso); return Number.isNaN(d.getTime()) ? '—' : d.toLocaleTimeString() }
  const problemsOf = (row) => (Array.isArray(row.problems) ? row.problems : [])
  const detailOf = (row) => {
    const box = el('div', null, 'detail')
    const problems = problemsOf(row)
    const fields = row.type === 'identify' ? row.traits : row.properties
    const byField = new Map(problems.map((p) => [p.field, p.message]))
    const listed = new Set()
    box.append(el('h3', row.type === 'identify' ? 'Traits' : 'Properties'))
    const dl = el('dl', null, 'props')
    for (const [key, value] of Object.entries(fields || {})) {
      const problem = byField.get(key)
      const dt = el('dt', key, problem ? 'problem' : '')
      const dd = el('dd', typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value, null, 2), problem ? 'problem' : '')
      if (problem) { dd.append(el('span', '✗ ' + problem, 'problem-note')); listed.add(key) }
      dl.append(dt, dd)
    }
    if (!dl.children.length) dl.append(el('dt', '—'), el('dd', 'none'))
    box.append(dl)
    const other = problems.filter((p) => !listed.has(p.field))
    if (other.length) {
      box.append(el('h3', 'Problems'))
      const ul = el('ul', null, 'problems')
      for (const p of other) ul.append(el('li', p.field + ': ' + p.message))
      box.append(ul)
    }
    const who = el('p', 'user ' + (row.user_id || '—') + ' · anonymous ' + (row.anonymous_id || '—') + ' · messageId ' + row.message_id, 'small muted mono')
    who.style.margin = '0'
    box.append(who)
    const raw = el('details')
    raw.append(el('summary', 'The whole call as stored'), el('pre', JSON.stringify(row.raw, null, 2)))
    box.append(raw)
    return box
  }
  const render = (row, fresh) => {
    const li = el('li', null, fresh ? 'fresh' : '')
    li.row = row
    li.dataset.event = row.event || row.type
    li.dataset.valid = String(row.valid)
    const button = el('button', null, 'row')
    button.type = 'button'
    button.setAttribute('aria-expanded', 'false')
    const problems = problemsOf(row)
    button.append(
      el('span', time(row.timestamp), 'time'),
      el('span', row.event || row.type, 'name'),
      el('span', row.conversation_id || '—', 'cell conv mono'),
      el('span', row.user_id || row.anonymous_id || '—', 'cell user'),
      el('span', row.valid ? '✓ valid' : '✗ ' + problems.map((p) => p.field + ': ' + p.message).join('; '), 'cell verdict ' + (row.valid ? 'ok' : 'bad')),
    )
    button.onclick = () => {
      const open = button.getAttribute('aria-expanded') === 'true'
      button.setAttribute('aria-expanded', String(!open))
      if (open) li.querySelector('.detail')?.remove()
      else li.append(detailOf(row))
    }
    li.append(button)
    li.hidden = !matches(row)
    return li
  }
  const add = (incoming, fresh, counted) => {
    const list = $('events')
    for (const row of incoming) {
      if (seen.has(row.message_id)) continue
      seen.add(row.message_id)
      rows.push(row)
      if (!counted) count(row)
      list.prepend(render(row, fresh))
    }
    while (list.children.length > MAX_ROWS) list.lastElementChild.remove()
    applyFilters()
  }

  // --- pause / resume
  $('pause').onclick = () => {
    paused = !paused
    $('pause').textContent = paused ? 'Resume' : 'Pause'
    $('pause').setAttribute('aria-pressed', String(paused))
    if (!paused) { const waiting = held; held = []; add(waiting, true) }
    showState()
  }
  const arrive = (incoming) => {
    if (paused) held.push(...incoming)
    else add(incoming, true)
    showState()
  }

  // --- the live stream, read with fetch so it carries the key (EventSource cannot send headers)
  const stream = async () => {
    let delay = 500
    for (;;) {
      try {
        streamAbort = new AbortController()
        const response = await api('/api/stream', { signal: streamAbort.signal })
        if (!response.ok || !response.body) throw new Error('stream ' + response.status)
        connected = true
        showState()
        delay = 500
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          let end
          while ((end = buffer.indexOf('\\n\\n')) >= 0) {
            const message = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const data = message.split('\\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\\n')
            if (!data) continue
            const incoming = JSON.parse(data)
            if (early) early.push(...incoming)
            else arrive(incoming)
          }
        }
      } catch (error) {
        if (streamAbort?.signal.aborted) return
      }
      connected = false
      status('reconnecting…', false)
      await new Promise((resolve) => setTimeout(resolve, delay))
      delay = Math.min(delay * 2, 10000)
    }
  }

  // --- the forwarder
  const renderForward = (forward) => {
    const box = $('forward')
    box.hidden = !forward
    if (!forward) return
    box.replaceChildren(
      el('strong', 'Forwarding'),
      el('span', 'to ' + forward.url, 'mono small'),
      el('span', forward.queued + ' queued'),
      el('span', forward.sent + ' sent'),
      el('span', forward.failing + ' failing', forward.failing ? 'failing' : ''),
      el('span', forward.setAside + ' set aside', forward.setAside ? 'failing' : ''),
    )
    if (forward.lastError) box.append(el('span', 'last error ' + time(forward.lastError.at) + ': ' + forward.lastError.message, 'small failing'))
  }
  const pollHealth = async () => {
    try { renderForward((await apiJson('/api/health')).forward) } catch {}
    setTimeout(pollHealth, 3000)
  }

  // --- empty state: how to send the first event
  const origin = location.origin + BASE
  $('curl').textContent = "curl -X POST " + origin + "/v1/t -u YOUR_WRITE_KEY: \\\\\\n  -H 'Content-Type: application/json' \\\\\\n  -d '" +
    JSON.stringify({ event: 'Message Sent', anonymousId: 'a-1', properties: { conversationId: 'c-1', messageId: 'm-1', message_body: 'Hello', role: 'customer' } }) + "'"
  $('snippet').textContent = '<CopilotAnalyticsProvider writeKey="dev" apiHost="' + origin + '/v1">\\n  <App />\\n</CopilotAnalyticsProvider>'

  // stream first, history second: what arrives meanwhile waits, so nothing falls between the two
  void stream()
  Promise.all([apiJson('/api/counts'), apiJson('/api/events?limit=' + MAX_ROWS)])
    .then(([stored, initial]) => {
      counts.total = stored.total
      counts.invalid = stored.invalid
      for (const e of stored.events) counts.events.set(e.name, { count: e.count, invalid: e.invalid })
      add(initial, false, true)
    })
    .then(
      () => true,
      () => false,
    )
    .then((loaded) => {
      const waiting = early
      early = null
      if (waiting.length) arrive(waiting)
      if (loaded) showState()
      else status('could not load the stored events', false)
    })
  void pollHealth()
})()
</script>
</body>
</html>
`
}
