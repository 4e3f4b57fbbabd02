import { act, render, renderHook, screen } from '@testing-library/react'
import { Profiler, type ReactNode, StrictMode } from 'react'
import { expect, it, vi } from 'vitest'
import type { EventRecord } from '../../src'
import {
  CopilotAnalyticsProvider,
  createCopilotAnalytics,
  memoryDestination,
  useComponentTracking,
  useConversation,
  useCopilotAnalytics,
  useFeedback,
  useIdentity,
  useTrack,
  useTrackAction,
  useTrackMedia,
  useTrackMessage,
  withComponentTracking,
} from '../../src'

const makeClient = async () => {
  const destination = memoryDestination()
  const client = createCopilotAnalytics({ destination, storage: null })
  await client.flush() // its engine is here: events reach the destination as they are made
  return { client, destination }
}

it('a component that only tracks never re-renders when events are sent or the message count changes', async () => {
  const { client, destination } = await makeClient()
  let renders = 0
  let api: ReturnType<typeof useTrackMessage> | undefined
  function Tracker() {
    api = useTrackMessage()
    useTrack()
    useTrackAction()
    useTrackMedia()
    useFeedback('m-1')
    useComponentTracking('Stock Price Chart', { messageId: 'm-1' })
    return null
  }
  render(
    <CopilotAnalyticsProvider client={client}>
      <Profiler id="tracker" onRender={() => renders++}>
        <Tracker />
      </Profiler>
    </CopilotAnalyticsProvider>,
  )
  const afterMount = renders
  act(() => {
    for (let i = 0; i < 1000; i++) {
      api?.trackSent(`question ${i}`)
      api?.trackReceived(`answer ${i}`)
    }
  })
  expect(client.getState().conversation.messageCount).toBe(2000)
  expect(destination.events.length).toBeGreaterThan(2000)
  expect(renders).toBe(afterMount)
})

it('every function a hook returns is referentially stable across re-renders', async () => {
  const { client } = await makeClient()
  const wrapper = ({ children }: { children: ReactNode }) => (
    <CopilotAnalyticsProvider client={client}>{children}</CopilotAnalyticsProvider>
  )
  const { result, rerender } = renderHook(
    ({ id }) => ({
      message: useTrackMessage(),
      track: useTrack(),
      action: useTrackAction(),
      media: useTrackMedia(),
      feedback: useFeedback(id),
      conversation: useConversation(),
      identity: useIdentity(),
    }),
    { wrapper, initialProps: { id: 'm-1' } },
  )
  const first = result.current
  act(() => {
    first.message.trackSent('hi')
    first.identity.identify('u-1')
  })
  rerender({ id: 'm-2' })
  const second = result.current
  expect(second.message.trackSent).toBe(first.message.trackSent)
  expect(second.message.trackReceived).toBe(first.message.trackReceived)
  expect(second.track).toBe(first.track)
  expect(second.action).toBe(first.action)
  expect(second.media).toBe(first.media)
  expect(second.feedback.submit).toBe(first.feedback.submit)
  expect(second.conversation.startNew).toBe(first.conversation.startNew)
  expect(second.conversation.end).toBe(first.conversation.end)
  expect(second.identity.identify).toBe(first.identity.identify)
  expect(second.identity.reset).toBe(first.identity.reset)
  expect(second.conversation.messageCount).toBe(1)
  expect(second.identity.userId).toBe('u-1')
})

it('useFeedback sends for the latest messageId and keeps the widget rating', async () => {
  const { client, destination } = await makeClient()
  function Thumbs({ id }: { id: string }) {
    const { submit, rating } = useFeedback(id)
    return (
      <button type="button" onClick={() => submit('down', { reason: 'wrong price' })}>
        Bad response {rating ?? '-'}
      </button>
    )
  }
  const { rerender } = render(
    <CopilotAnalyticsProvider client={client}>
      <Thumbs id="m-1" />
    </CopilotAnalyticsProvider>,
  )
  rerender(
    <CopilotAnalyticsProvider client={client}>
      <Thumbs id="m-2" />
    </CopilotAnalyticsProvider>,
  )
  act(() => screen.getByRole('button').click())
  expect(screen.getByRole('button').textContent).toBe('Bad response -1')
  const feedback = destination.events.find((e) => e.type === 'track' && e.event === 'Feedback Submitted')
  expect(feedback).toMatchObject({ properties: { messageId: 'm-2', rating: -1, reason: 'wrong price' } })
})

it('hooks outside a provider warn once, send nothing, never throw, and return what a provider would', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  // every way a client could reach the network
  const fetch = vi.spyOn(globalThis, 'fetch')
  const sendBeacon = typeof navigator.sendBeacon === 'function' ? vi.spyOn(navigator, 'sendBeacon') : undefined
  const xhrSend = vi.spyOn(XMLHttpRequest.prototype, 'send')
  const messageIds: string[] = []
  let orphanClient: ReturnType<typeof useCopilotAnalytics> | undefined
  function Orphan({ index }: { index: number }) {
    const { trackSent } = useTrackMessage()
    // each widget rates its own answer: the rating shown is that answer's
    const { submit, rating } = useFeedback(`orphan-answer-${index}`)
    useComponentTracking('Lonely')
    const client = useCopilotAnalytics()
    orphanClient = client
    return (
      <div>
        <button
          type="button"
          onClick={() => {
            messageIds.push(trackSent('hello'))
            submit(5)
            client.track('Anything')
          }}
        >
          go
        </button>
        <output data-testid={`rating-${index}`}>{rating === undefined ? 'none' : String(rating)}</output>
      </div>
    )
  }
  render(<Orphan index={0} />)
  render(<Orphan index={1} />)
  expect(screen.getByTestId('rating-0').textContent).toBe('none')
  const records: EventRecord[] = []
  const stopListening = orphanClient?.listen((record) => records.push(record))
  expect(() => act(() => screen.getAllByRole('button')[0]?.click())).not.toThrow()
  const messages = warn.mock.calls.map((call) => String(call[0]))
  expect(
    messages.filter((m) => m.includes('useTrackMessage was called outside <CopilotAnalyticsProvider>')),
  ).toHaveLength(1)
  expect(messages.some((m) => m.includes('useFeedback'))).toBe(true)

  // what app code reads back works as under a provider: a messageId, the widget's own rating
  expect(messageIds).toHaveLength(1)
  expect(messageIds[0]).toEqual(expect.any(String))
  expect(messageIds[0]?.trim()).not.toBe('')
  expect(screen.getByTestId('rating-0').textContent).toBe('5')
  expect(screen.getByTestId('rating-1').textContent).toBe('none')

  // and nothing leaves the page, even once the client has handed everything over
  await act(async () => {
    await orphanClient?.flush()
  })
  expect(fetch).not.toHaveBeenCalled()
  if (sendBeacon) expect(sendBeacon).not.toHaveBeenCalled()
  expect(xhrSend).not.toHaveBeenCalled()
  // the client saw the calls and dropped every event: consent is denied
  stopListening?.()
  expect(records.map(({ event }) => (event.type === 'track' ? event.event : event.type))).toEqual(
    expect.arrayContaining(['Message Sent', 'Feedback Submitted', 'Anything']),
  )
  expect(records.map(({ status, reason }) => `${status}: ${reason}`)).toEqual(
    records.map(() => 'dropped: consent denied'),
  )
})

it('withComponentTracking forwards refs, keeps statics and names itself', async () => {
  const { client, destination } = await makeClient()
  function Chart(props: { ticker: string; ref?: React.Ref<HTMLDivElement> }) {
    return <div ref={props.ref}>{props.ticker}</div>
  }
  Chart.chartKind = 'line'
  const Tracked = withComponentTracking(Chart, {
    type: (props) => `Chart ${props.ticker}`,
    properties: (props) => ({ ticker: props.ticker }),
  })
  const ref = { current: null as HTMLDivElement | null }
  render(
    <StrictMode>
      <CopilotAnalyticsProvider client={client}>
        <Tracked ticker="AAPL" ref={ref} />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  expect(ref.current?.textContent).toBe('AAPL')
  expect(Tracked.displayName).toBe('withComponentTracking(Chart)')
  expect((Tracked as unknown as { chartKind: string }).chartKind).toBe('line')
  const loaded = destination.events.filter((e) => e.type === 'track' && e.event === 'Component Loaded')
  expect(loaded).toHaveLength(1)
  expect(loaded[0]).toMatchObject({ properties: { type: 'Chart AAPL', ticker: 'AAPL' } })
})

it('the provider and a tracked component pass their children on, several of them, with no React warning', async () => {
  const { client } = await makeClient()
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  function Panel(props: { children?: ReactNode }) {
    return <section>{props.children}</section>
  }
  const Tracked = withComponentTracking(Panel, { type: 'Panel' })
  render(
    <CopilotAnalyticsProvider client={client}>
      <p>first</p>
      <Tracked>
        <span>one</span>
        <span>two</span>
      </Tracked>
    </CopilotAnalyticsProvider>,
  )
  expect(screen.getByText('first')).toBeTruthy()
  expect(screen.getByText('two').parentElement?.tagName).toBe('SECTION')
  expect(error).not.toHaveBeenCalled()
})

it('the provider sends one anonymous identify on mount, even under StrictMode', async () => {
  const { client, destination } = await makeClient()
  render(
    <StrictMode>
      <CopilotAnalyticsProvider client={client}>
        <span />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  const identifies = destination.events.filter((e) => e.type === 'identify')
  expect(identifies).toHaveLength(1)
  expect(identifies[0]).toMatchObject({ userId: null, anonymousId: client.getState().identity.anonymousId })
})
