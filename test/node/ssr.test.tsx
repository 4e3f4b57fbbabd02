import { renderToString } from 'react-dom/server'
import { expect, it, vi } from 'vitest'
import {
  CopilotAnalyticsProvider,
  createCopilotAnalytics,
  useComponentTracking,
  useConversation,
  useFeedback,
  useIdentity,
  useTrackMessage,
  withComponentTracking,
} from '../../src'

function Widget() {
  useComponentTracking('Stock Price Chart', { messageId: 'm-1' })
  const { conversationId, messageCount } = useConversation()
  const { anonymousId } = useIdentity()
  const { rating } = useFeedback('m-1')
  useTrackMessage()
  return (
    <p>
      {conversationId ? 'has conversation' : 'none'} {messageCount} {anonymousId ? 'visitor' : ''} {String(rating)}
    </p>
  )
}
const Tracked = withComponentTracking(() => <span>chart</span>, { type: 'Chart' })

it('renders on the server without window, localStorage or a network request', async () => {
  expect(typeof window).toBe('undefined')
  const fetchSpy = vi.spyOn(globalThis, 'fetch')
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => unhandled.push(reason)
  process.on('unhandledRejection', onUnhandled)
  try {
    const html = renderToString(
      <CopilotAnalyticsProvider writeKey="key" apiHost="http://127.0.0.1:9/v1">
        <Widget />
        <Tracked />
      </CopilotAnalyticsProvider>,
    )
    expect(html).toContain('has conversation')
    expect(html).toContain('chart')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fetchSpy).not.toHaveBeenCalled()
    expect(unhandled).toEqual([])
  } finally {
    process.off('unhandledRejection', onUnhandled)
  }
})

it('a client on the server with only a writeKey sends nothing and never throws', async () => {
  const client = createCopilotAnalytics({ writeKey: 'key' })
  const records: string[] = []
  client.listen((record) => records.push(`${record.status}:${record.reason}`))
  expect(() => client.messageSent({ body: 'hi' })).not.toThrow()
  await client.flush()
  expect(records).toEqual(['dropped:no destination', 'dropped:no destination'])
})
