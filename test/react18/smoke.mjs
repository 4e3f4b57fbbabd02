// Renders the BUILT package with whichever React resolves from the current directory: React 18 from this
// fixture's node_modules, React 19 from the repository root. Run as `node --input-type=module -e <this file>` so
// `copilot-analytics` and `react` resolve from the cwd. Prints one JSON line with what it saw.
import { JSDOM } from 'jsdom'
import { createElement as h, version } from 'react'
import { renderToString } from 'react-dom/server'

const kit = await import('copilot-analytics')
const { CopilotAnalyticsProvider, createCopilotAnalytics, memoryDestination, useTrackMessage, withComponentTracking } =
  kit

function Chat() {
  const { trackSent } = useTrackMessage()
  return h('button', { type: 'button', onClick: () => trackSent('What is the best stock?') }, 'Send')
}
const Chart = withComponentTracking((props) => h('figure', null, `Chart ${props.ticker}`), {
  type: 'Stock Price Chart',
  messageId: (props) => props.messageId,
})
const app = (client) => h(CopilotAnalyticsProvider, { client }, h(Chat), h(Chart, { ticker: 'NVDA', messageId: 'm-1' }))

// server: renders the markup and sends nothing
const serverDestination = memoryDestination()
const serverClient = createCopilotAnalytics({ destination: serverDestination })
const html = renderToString(app(serverClient))
await serverClient.flush()

// client: a jsdom page (globals set before react-dom/client loads, as in a browser)
const dom = new JSDOM('<!doctype html><div id="root"></div>', { url: 'http://127.0.0.1/' })
for (const key of ['window', 'document', 'navigator', 'localStorage', 'HTMLElement', 'Node', 'MouseEvent', 'Event']) {
  Object.defineProperty(globalThis, key, { value: dom.window[key], configurable: true, writable: true })
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true
const { createRoot } = await import('react-dom/client')
const { act } = await import('react')
const destination = memoryDestination()
const client = createCopilotAnalytics({ destination })
const root = createRoot(document.getElementById('root'))
await act(async () => root.render(app(client)))
await act(async () => document.querySelector('button').dispatchEvent(new MouseEvent('click', { bubbles: true })))
// the client's pipeline loads on first use: its events are handed over once it is here
await client.flush()
const clientHtml = document.getElementById('root').innerHTML
await act(async () => root.unmount())

console.log(
  JSON.stringify({
    react: version,
    html,
    serverEvents: serverDestination.events.length,
    clientHtml,
    clientEvents: destination.events.map((event) => (event.type === 'track' ? event.event : event.type)),
  }),
)
