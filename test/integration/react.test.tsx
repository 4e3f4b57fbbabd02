import { act, cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { StrictMode, useState } from 'react'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import {
  CopilotAnalyticsProvider,
  useComponentTracking,
  useConversation,
  useFeedback,
  useIdentity,
  useTrack,
  useTrackAction,
  useTrackMedia,
  useTrackMessage,
  withComponentTracking,
} from '../../src'
import { type Sink, startSink } from '../support/sink'

let sink: Sink
beforeAll(async () => {
  sink = await startSink()
})
afterEach(() => {
  cleanup()
  sink.calls.length = 0
  sink.requests.length = 0
})
afterAll(() => sink.close())

function StockChart({ ticker }: { ticker: string; messageId: string }) {
  return <figure>Chart of {ticker}</figure>
}
const TrackedChart = withComponentTracking(StockChart, { type: 'Stock Price Chart', messageId: (p) => p.messageId })

function Answer({ id, text }: { id: string; text: string }) {
  const { submit, rating } = useFeedback(id)
  return (
    <div>
      <p>{text}</p>
      <TrackedChart ticker="NVDA" messageId={id} />
      <button type="button" onClick={() => submit('up')}>
        Good response
      </button>
      {rating !== undefined && <span>rated {rating}</span>}
    </div>
  )
}

function Chat() {
  const { trackSent, trackReceived } = useTrackMessage()
  const track = useTrack()
  const trackAction = useTrackAction()
  const trackMedia = useTrackMedia()
  const { startNew, messageCount } = useConversation()
  const { identify } = useIdentity()
  const [answers, setAnswers] = useState<{ id: string; text: string }[]>([])
  const [draft, setDraft] = useState('')
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        trackSent(draft)
        const id = trackReceived(`About ${draft}`)
        setAnswers((list) => [...list, { id, text: `About ${draft}` }])
        setDraft('')
      }}
    >
      <input aria-label="Message" value={draft} onChange={(e) => setDraft(e.target.value)} />
      <button type="submit">Send</button>
      {answers.map((a) => (
        <Answer key={a.id} {...a} />
      ))}
      <button
        type="button"
        onClick={() => {
          trackAction({ type: 'Stock Purchase', action: 'buy 10 NVDA', messageId: answers[0]?.id })
          track('Stock Purchased', { ticker: 'NVDA', quantity: 10, messageId: answers[0]?.id })
        }}
      >
        Buy
      </button>
      <button type="button" onClick={() => trackMedia({ type: 'image', subType: 'gif', messageId: answers[0]?.id })}>
        Celebrate
      </button>
      <button type="button" onClick={() => identify('user-42', { plan: 'pro' })}>
        Sign in
      </button>
      <button type="button" onClick={() => startNew()}>
        New chat
      </button>
      <output>{messageCount} messages</output>
    </form>
  )
}

it('a chat tree sends every spec event through the real analytics-next, with the spec names', async () => {
  const user = userEvent.setup()
  render(
    <StrictMode>
      <CopilotAnalyticsProvider writeKey="test-key" apiHost={sink.apiHost}>
        <Chat />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'What is NVDA at?')
  await user.click(screen.getByRole('button', { name: 'Send' }))
  // a person sees the chart before rating it: let its mount effect (Component Loaded) run first
  await sink.waitFor(() => sink.tracks().some((e) => e.event === 'Component Loaded'))
  await user.click(screen.getByRole('button', { name: 'Good response' }))
  await user.click(screen.getByRole('button', { name: 'Buy' }))
  await user.click(screen.getByRole('button', { name: 'Celebrate' }))
  await user.click(screen.getByRole('button', { name: 'Sign in' }))
  expect(screen.getByText('rated 1')).toBeTruthy()
  expect(screen.getByText('2 messages')).toBeTruthy()
  await user.click(screen.getByRole('button', { name: 'New chat' }))

  await sink.waitFor(() => sink.tracks().some((e) => e.event === 'Conversation Ended'))
  // deliveries run concurrently, so arrival order can differ: order by when each event happened (stable for ties)
  const tracks = [...sink.tracks()].sort((a, b) => Date.parse(String(a.timestamp)) - Date.parse(String(b.timestamp)))
  expect(tracks.map((e) => e.event)).toEqual([
    'Conversation Started',
    'Message Sent',
    'Message Received',
    'Component Loaded',
    'Feedback Submitted',
    'Action Invoked',
    'Stock Purchased',
    'Media Generated',
    'Conversation Ended',
  ])
  const conversationId = tracks[0]?.properties?.conversationId
  expect(typeof conversationId).toBe('string')
  for (const event of tracks) expect(event.properties?.conversationId).toBe(conversationId)
  const answerId = tracks[2]?.properties?.messageId
  expect(tracks[1]?.properties).toMatchObject({ message_body: 'What is NVDA at?', role: 'customer' })
  expect(tracks[2]?.properties).toMatchObject({ message_body: 'About What is NVDA at?', role: 'agent' })
  expect(tracks[3]?.properties).toMatchObject({ type: 'Stock Price Chart', messageId: answerId })
  expect(tracks[4]?.properties).toMatchObject({ rating: 1, messageId: answerId })
  expect(tracks[5]?.properties).toMatchObject({ type: 'Stock Purchase', action: 'buy 10 NVDA', role: 'customer' })
  expect(tracks[6]?.properties).toMatchObject({ ticker: 'NVDA', quantity: 10, messageId: answerId })
  expect(tracks[7]?.properties).toMatchObject({ type: 'image', sub_type: 'gif', role: 'agent' })
  expect(tracks[8]?.properties).toEqual({ conversationId, message_count: 2 })

  // identify: one anonymous (StrictMode's double effects notwithstanding), then the known user joined to it
  const identifies = sink.calls.filter((c) => c.body.type === 'identify').map((c) => c.body)
  expect(identifies).toHaveLength(2)
  expect(identifies[0]?.userId ?? null).toBeNull()
  expect(identifies[1]).toMatchObject({
    userId: 'user-42',
    anonymousId: identifies[0]?.anonymousId,
    traits: { plan: 'pro' },
  })
  // every track call carries the anonymousId, and the userId once known
  for (const event of tracks) expect(event.anonymousId).toBe(identifies[0]?.anonymousId)
  expect(tracks.at(-1)?.userId).toBe('user-42')
  // the envelope messageId is Segment's own, never the chat message's
  expect(tracks[2]?.messageId).not.toBe(answerId)
  // nothing went anywhere but the sink, and no settings fetch
  expect(sink.requests.every((r) => r.includes('/v1/'))).toBe(true)
})

it('resumes the conversation after a reload: no second Conversation Started, message_count carries on', async () => {
  const user = userEvent.setup()
  const app = () => (
    <CopilotAnalyticsProvider apiHost={sink.apiHost}>
      <Chat />
    </CopilotAnalyticsProvider>
  )
  const first = render(app())
  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'hi')
  await user.click(screen.getByRole('button', { name: 'Send' }))
  const storedId = localStorage.getItem('newChatId')
  first.unmount() // the "reload": a new provider reads what the first persisted
  render(app())
  expect(screen.getByText('2 messages')).toBeTruthy()
  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'again')
  await user.click(screen.getByRole('button', { name: 'Send' }))
  await user.click(screen.getByRole('button', { name: 'New chat' }))
  await sink.waitFor(() => sink.tracks().some((e) => e.event === 'Conversation Ended'))
  const events = sink.tracks()
  expect(events.filter((e) => e.event === 'Conversation Started')).toHaveLength(1)
  expect(events.every((e) => e.properties?.conversationId === storedId)).toBe(true)
  expect(events.at(-1)?.properties).toEqual({ conversationId: storedId, message_count: 4 })
  expect(localStorage.getItem('newChatId')).not.toBe(storedId)
  // the same visitor: one anonymous identify across both page loads
  expect(sink.calls.filter((c) => c.body.type === 'identify')).toHaveLength(1)
})

it('Component Loaded is sent once per (conversation, message, type) across re-mounts and re-renders', async () => {
  function Tracked({ messageId }: { messageId: string }) {
    useComponentTracking('Stock List', { messageId })
    return null
  }
  function List() {
    const [shown, setShown] = useState(true)
    const [, setTick] = useState(0)
    return (
      <>
        {shown && <Tracked messageId="m-1" />}
        <Tracked messageId="m-2" />
        <button type="button" onClick={() => setShown((s) => !s)}>
          toggle
        </button>
        <button type="button" onClick={() => setTick((t) => t + 1)}>
          rerender
        </button>
      </>
    )
  }
  const user = userEvent.setup()
  render(
    <StrictMode>
      <CopilotAnalyticsProvider apiHost={sink.apiHost}>
        <List />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  for (const name of ['toggle', 'toggle', 'rerender', 'toggle', 'toggle']) {
    await user.click(screen.getByRole('button', { name }))
  }
  await sink.waitFor(() => sink.tracks().length >= 2)
  await act(() => new Promise((r) => setTimeout(r, 300)))
  const loaded = sink.tracks().filter((e) => e.event === 'Component Loaded')
  expect(loaded.map((e) => e.properties?.messageId).sort()).toEqual(['m-1', 'm-2'])
})

it('a controlled conversationId is the one every event carries, and switching it switches conversations', async () => {
  function Switcher() {
    const [id, setId] = useState('chat-a')
    return (
      <CopilotAnalyticsProvider apiHost={sink.apiHost} conversationId={id}>
        <Chat />
        <button type="button" onClick={() => setId('chat-b')}>
          Open chat B
        </button>
      </CopilotAnalyticsProvider>
    )
  }
  const user = userEvent.setup()
  render(<Switcher />)
  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'in a')
  await user.click(screen.getByRole('button', { name: 'Send' }))
  await user.click(screen.getByRole('button', { name: 'Open chat B' }))
  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'in b')
  await user.click(screen.getByRole('button', { name: 'Send' }))
  await sink.waitFor(() => sink.tracks().filter((e) => e.event === 'Message Received').length >= 2)
  const byConversation = sink
    .tracks()
    .filter((e) => e.event === 'Conversation Started' || e.event === 'Message Sent')
    .map((e) => `${e.event}@${e.properties?.conversationId}`)
  expect(byConversation).toEqual([
    'Conversation Started@chat-a',
    'Message Sent@chat-a',
    'Conversation Started@chat-b',
    'Message Sent@chat-b',
  ])
  expect(localStorage.getItem('newChatId')).toBe('chat-b')
})

it('keeps working when localStorage throws (Safari private mode)', async () => {
  const original = Object.getOwnPropertyDescriptor(window, 'localStorage')
  const throwing = {
    getItem: () => {
      throw new DOMException('denied', 'SecurityError')
    },
    setItem: () => {
      throw new DOMException('quota', 'QuotaExceededError')
    },
    removeItem: () => {},
  }
  Object.defineProperty(window, 'localStorage', { configurable: true, get: () => throwing })
  const warnings: string[] = []
  const warn = console.warn
  console.warn = (message: string) => void warnings.push(message)
  try {
    const user = userEvent.setup()
    render(
      <CopilotAnalyticsProvider apiHost={sink.apiHost}>
        <Chat />
      </CopilotAnalyticsProvider>,
    )
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'private')
    await user.click(screen.getByRole('button', { name: 'Send' }))
    // this conversation's events (a late one from an earlier test's client may reach the shared sink too)
    const mine = () => {
      const sent = sink.tracks().find((e) => e.event === 'Message Sent' && e.properties?.message_body === 'private')
      const id = sent?.properties?.conversationId
      return id === undefined ? [] : sink.tracks().filter((e) => e.properties?.conversationId === id)
    }
    await sink.waitFor(() => mine().length >= 4)
    // each arrives exactly once; in-memory analytics-next sends them as parallel requests, so arrival order varies
    expect(
      mine()
        .map((e) => e.event)
        .sort(),
    ).toEqual(['Component Loaded', 'Conversation Started', 'Message Received', 'Message Sent'])
    expect(warnings.filter((w) => w.includes('localStorage is full or blocked'))).toHaveLength(1)
  } finally {
    console.warn = warn
    if (original) Object.defineProperty(window, 'localStorage', original)
  }
})
