// Render cost with React's Profiler (development build, where the Profiler measures): how many commits tracking
// 1,000 messages causes in a tree that only tracks (target 0), and the commit time of a 200-message chat with and
// without instrumentation. Import only after a DOM exists (bench/dom.ts).
import { act, Profiler, type ProfilerOnRenderCallback, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import {
  CopilotAnalyticsProvider,
  createCopilotAnalytics,
  memoryDestination,
  type TrackMessageApi,
  useComponentTracking,
  useFeedback,
  useTrack,
  useTrackAction,
  useTrackMessage,
} from '../src'
import { interleaved } from './stats'

/** What renderCost measured. */
export interface RenderCostResult {
  /** Commits the Profiler saw while 1,000 messages were tracked (after mount). Target: 0. */
  commitsWhileTracking: number
  /** Renders of the tracking components in that time. Target: 0. */
  rendersWhileTracking: number
  /** Events the tracking produced (proves the tracking happened). */
  eventsTracked: number
  messages: number
  /** Median Profiler actualDuration (ms) of mounting the chat, plain and instrumented. */
  chatMountMs: { plain: number; instrumented: number }
  /** Median wall time (ms) of mounting the chat, its effects included (Component Loaded, identify). */
  chatMountWallMs: { plain: number; instrumented: number }
  chatMessages: number
  rounds: number
}

const mount = async (element: ReactNode) => {
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  await act(async () => root.render(element))
  return async () => {
    await act(async () => root.unmount())
    container.remove()
  }
}

/** Tracks 1,000 messages from a tree of components that only track, counting the commits that causes. */
async function zeroRerenders(messages: number) {
  let renders = 0
  let commits = 0
  let api: TrackMessageApi | undefined
  let trackAction: ReturnType<typeof useTrackAction> | undefined
  function Composer() {
    renders++
    api = useTrackMessage()
    trackAction = useTrackAction()
    useTrack()
    return <textarea aria-label="message" />
  }
  function Rating({ messageId }: { messageId: string }) {
    renders++
    useFeedback(messageId)
    return <button type="button">👍</button>
  }
  function Chart() {
    renders++
    useComponentTracking('Stock Price Chart', { messageId: 'm-0' })
    return <figure />
  }
  const onRender: ProfilerOnRenderCallback = () => {
    commits++
  }
  const destination = memoryDestination()
  const client = createCopilotAnalytics({ destination, validate: 'off', storage: null })
  const unmount = await mount(
    <CopilotAnalyticsProvider client={client}>
      <Profiler id="tracking-only" onRender={onRender}>
        <Composer />
        <Rating messageId="m-0" />
        <Chart />
      </Profiler>
    </CopilotAnalyticsProvider>,
  )
  // the mount's events (behind the engine's one dynamic import) are not the tracking's
  await act(() => client.flush())
  commits = 0
  renders = 0
  destination.clear()
  await act(async () => {
    for (let i = 0; i < messages; i++) {
      if (i % 2 === 0) api?.trackSent(`question ${i}`)
      else api?.trackReceived(`answer ${i}`)
      if (i % 100 === 0) trackAction?.({ type: 'Stock Price Lookup', action: `lookup ${i}` })
    }
    await client.flush()
  })
  const result = { commits, renders, events: destination.events.length }
  await unmount()
  return result
}

interface ChatMessage {
  id: string
  role: 'user' | 'assistant'
  text: string
}

function PlainMessage({ message }: { message: ChatMessage }) {
  return (
    <li>
      <p>{message.text}</p>
      {message.role === 'assistant' ? <button type="button">👍</button> : null}
    </li>
  )
}

function InstrumentedMessage({ message }: { message: ChatMessage }) {
  const { submit } = useFeedback(message.id)
  return (
    <li>
      <p>{message.text}</p>
      {message.role === 'assistant' ? (
        <button type="button" onClick={() => submit('up')}>
          👍
        </button>
      ) : null}
    </li>
  )
}

function InstrumentedChart({ messageId }: { messageId: string }) {
  useComponentTracking('Stock Price Chart', { messageId })
  return <figure />
}

function PlainChat({ messages }: { messages: ChatMessage[] }) {
  return (
    <ol>
      {messages.map((message) => (
        <PlainMessage key={message.id} message={message} />
      ))}
      {messages
        .filter((_, index) => index % 20 === 1)
        .map((message) => (
          <figure key={`chart-${message.id}`} />
        ))}
    </ol>
  )
}

function InstrumentedChat({ messages }: { messages: ChatMessage[] }) {
  useTrackMessage()
  return (
    <ol>
      {messages.map((message) => (
        <InstrumentedMessage key={message.id} message={message} />
      ))}
      {messages
        .filter((_, index) => index % 20 === 1)
        .map((message) => (
          <InstrumentedChart key={`chart-${message.id}`} messageId={message.id} />
        ))}
    </ol>
  )
}

/** Mount time of a 200-message chat, plain vs instrumented (provider, hooks, Component Loaded every 20 messages). */
async function chatMount(count: number, rounds: number) {
  const messages: ChatMessage[] = Array.from({ length: count }, (_, i) => ({
    id: `m-${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    text: `${i % 2 === 0 ? 'Question' : 'Answer'} ${i}: NVDA, AAPL and MSFT moved today.`,
  }))
  const measure = (variant: 'plain' | 'instrumented') => async () => {
    let duration = 0
    const onRender: ProfilerOnRenderCallback = (_id, phase, actualDuration) => {
      if (phase === 'mount') duration += actualDuration
    }
    const chat =
      variant === 'plain' ? (
        <PlainChat messages={messages} />
      ) : (
        <CopilotAnalyticsProvider
          client={createCopilotAnalytics({ destination: memoryDestination(), validate: 'off', storage: null })}
        >
          <InstrumentedChat messages={messages} />
        </CopilotAnalyticsProvider>
      )
    const start = performance.now()
    const unmount = await mount(
      <Profiler id={variant} onRender={onRender}>
        {chat}
      </Profiler>,
    )
    const wallMs = performance.now() - start
    await unmount()
    return { profiledMs: duration, wallMs }
  }
  const { plain, instrumented } = await interleaved(
    { plain: measure('plain'), instrumented: measure('instrumented') },
    { rounds, warmup: 3 },
  )
  return {
    profiled: { plain: plain.profiledMs, instrumented: instrumented.profiledMs },
    wall: { plain: plain.wallMs, instrumented: instrumented.wallMs },
  }
}

/** Runs both render measures (needs a DOM and React's development build). */
export async function renderCost(options: { messages: number; chatMessages: number; rounds: number }) {
  const tracking = await zeroRerenders(options.messages)
  const chat = await chatMount(options.chatMessages, options.rounds)
  const result: RenderCostResult = {
    commitsWhileTracking: tracking.commits,
    rendersWhileTracking: tracking.renders,
    eventsTracked: tracking.events,
    messages: options.messages,
    chatMountMs: chat.profiled,
    chatMountWallMs: chat.wall,
    chatMessages: options.chatMessages,
    rounds: options.rounds,
  }
  return result
}
