import type { CopilotAnalytics } from '../core'
import {
  describeInput,
  hasContent,
  hasOutput,
  isCutOff,
  isInputComplete,
  isWaitingForTool,
  mediaPartsOf,
  messageText,
  readCopilotMetadata,
  toolCallsOf,
} from './messageParts'
import type {
  ChatAnalyticsOptions,
  ChatMessageLike,
  ChatStatusLike,
  MessageFailedReason,
  ToolAnalytics,
  ToolCallInfo,
} from './types'

/** The event that counts failed answers: an extension of the spec (see the README's AI SDK section). */
export const MESSAGE_FAILED = 'Message Failed'

/** What the tracker reads of the chat at one moment. */
export interface ChatSnapshot {
  readonly messages: readonly ChatMessageLike[]
  readonly status: ChatStatusLike
  readonly error?: Error | undefined
  /**
   * How many requests the app has started (`sendMessage`, `regenerate`), counted as they are called: a request
   * whose whole answer commits in one render (inside act(), a cached answer) never shows a busy status.
   */
  readonly requests?: number
}

/** Turns successive chat snapshots into spec events, each exactly once. */
export interface ChatTracker {
  /**
   * Compares `snapshot` with what it saw before and sends what is new through `client`. Idempotent: the same
   * snapshot twice sends nothing the second time. `now` is a monotonic time in milliseconds.
   */
  update(snapshot: ChatSnapshot, client: CopilotAnalytics, options: ChatAnalyticsOptions, now: number): void
}

/** One request/answer cycle, from the request leaving to the answer finishing (continuations included). */
interface Turn {
  /** When the request left; undefined for a stream resumed after a page load (its start is unknown). */
  readonly startedAt: number | undefined
  firstContentAt: number | undefined
  /** The user message being answered. */
  readonly replyTo: string | undefined
  /** Messages that were there when the request left: the answer is none of them (unless it continues one). */
  readonly before: ReadonlySet<string>
  /** The assistant message the request continues (after a tool result or an approval). */
  readonly continues: string | undefined
  /** Set when the request answers a question again (regenerate, retry, edit). */
  readonly regenerated: { readonly replaces: string | undefined; readonly edited: boolean } | undefined
  readonly resumed: boolean
  answerId: string | undefined
}

const emptyTurn = (before: ReadonlySet<string>): Turn => ({
  startedAt: undefined,
  firstContentAt: undefined,
  replyTo: undefined,
  before,
  continues: undefined,
  regenerated: undefined,
  resumed: false,
  answerId: undefined,
})

const lastUserIndex = (messages: readonly ChatMessageLike[]) => {
  for (let index = messages.length - 1; index >= 0; index--) if (messages[index]?.role === 'user') return index
  return -1
}

const BUSY = new Set(['submitted', 'streaming'])
const MAX_ERROR_LENGTH = 200

/** Keeps only defined values, so events carry no `undefined` properties. */
const defined = (record: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))

const elapsed = (from: number | undefined, to: number | undefined) =>
  from === undefined || to === undefined ? undefined : Math.max(0, Math.round(to - from))

const warn = (message: string, error: unknown) => {
  if (typeof console !== 'undefined') console.warn(`[copilot-analytics] useChatAnalytics: ${message}`, error)
}

/** Calls an app-provided function; if it throws, warns and uses the fallback (never throws into the app). */
const attempt = <T>(what: string, fn: () => T, fallback: T): T => {
  try {
    return fn()
  } catch (error) {
    warn(`${what} threw; using the default`, error)
    return fallback
  }
}

/**
 * Creates the state machine behind `useChatAnalytics`. It is fed every committed state of `useChat`
 * (`messages`, `status`, `error`) and sends, once each:
 * Message Sent when a request leaves with a new user message; Action Invoked, Component Loaded and Media
 * Generated as tool calls, tool results and files appear in an answer; Message Received when the answer has
 * finished; Message Failed when it errored or was stopped. Messages present on the first update, or added
 * without a request (`setMessages`, restored history), are history: never sent.
 */
export function createChatTracker(): ChatTracker {
  let initialized = false
  let wasBusy = false
  let wasError = false
  let requestsSeen = 0
  let previousIds: readonly string[] = []
  /** Every message handled: sent, answered, or history. */
  const known = new Set<string>()
  /** Answers already reported (received, failed, or history): never reported again. */
  const settled = new Set<string>()
  /** Answers of this session, whose tool calls and files are tracked as they appear. */
  const live = new Set<string>()
  /** Tool calls, components and files already reported (or history). */
  const seen = new Set<string>()
  /** The text of each user message, to tell an edit (same ID, new text) from a regenerate. */
  const questions = new Map<string, string>()
  /** Settled answers removed since the last request: the last one is what a regenerated answer replaces. */
  let removed: string[] = []
  let turn: Turn | undefined
  /** An answer whose stream ended while a tool call waits for a result or an approval. */
  let waiting: Turn | undefined

  const actionKey = (call: ToolCallInfo) => `action\u0000${call.toolCallId}`
  const componentKey = (call: ToolCallInfo) => `component\u0000${call.toolCallId}`
  const mediaKey = (messageId: string, index: number) => `media\u0000${messageId}\u0000${index}`

  const markHistory = (message: ChatMessageLike) => {
    known.add(message.id)
    if (message.role === 'user') questions.set(message.id, messageText(message))
    if (message.role !== 'assistant') return
    settled.add(message.id)
    for (const call of toolCallsOf(message)) {
      if (isInputComplete(call)) seen.add(actionKey(call))
      if (hasOutput(call)) seen.add(componentKey(call))
    }
    for (const media of mediaPartsOf(message)) seen.add(mediaKey(message.id, media.index))
  }

  const componentOf = (config: ToolAnalytics | undefined, call: ToolCallInfo): string | undefined => {
    const component = config?.component
    if (typeof component === 'function')
      return attempt(`tools.${call.toolName}.component`, () => component(call), undefined)
    return component
  }

  /** Action Invoked, Component Loaded and Media Generated for what is new in an answer. */
  const trackParts = (message: ChatMessageLike, client: CopilotAnalytics, options: ChatAnalyticsOptions) => {
    for (const call of toolCallsOf(message)) {
      const config = options.tools?.[call.toolName]
      if (isInputComplete(call) && !seen.has(actionKey(call))) {
        seen.add(actionKey(call))
        if (config?.track !== false) {
          const describe = config?.action
          const action = describe
            ? attempt(`tools.${call.toolName}.action`, () => describe(call), describeInput(call.input))
            : describeInput(call.input)
          client.actionInvoked({
            type: config?.type ?? call.toolName,
            action: typeof action === 'string' ? action : describeInput(call.input),
            messageId: message.id,
            role: 'agent',
            tool_call_id: call.toolCallId,
          })
        }
      }
      if (hasOutput(call) && !seen.has(componentKey(call))) {
        const type = componentOf(config, call)
        if (type) {
          seen.add(componentKey(call))
          client.componentLoaded({ type, messageId: message.id, tool_call_id: call.toolCallId })
        }
      }
    }
    if (options.media === false) return
    for (const media of mediaPartsOf(message)) {
      const key = mediaKey(message.id, media.index)
      if (seen.has(key)) continue
      seen.add(key)
      client.mediaGenerated({ type: media.type, subType: media.subType, messageId: message.id, role: 'agent' })
    }
  }

  /** The properties every answer event of a turn carries: timings, model, what it replied to or replaced. */
  const turnProperties = (
    current: Turn,
    answer: ChatMessageLike | undefined,
    options: ChatAnalyticsOptions,
    now: number,
  ) => {
    const metadata = answer ? readCopilotMetadata(answer) : {}
    return defined({
      model: metadata.model ?? options.model,
      latency_ms: elapsed(current.startedAt, now),
      time_to_first_token_ms: elapsed(current.startedAt, current.firstContentAt),
      reply_to_message_id: current.replyTo,
      regenerated: current.regenerated ? true : undefined,
      replaces_message_id: current.regenerated?.replaces,
      edited: current.regenerated?.edited ? true : undefined,
      resumed: current.resumed ? true : undefined,
    })
  }

  const receive = (
    current: Turn,
    answer: ChatMessageLike,
    client: CopilotAnalytics,
    options: ChatAnalyticsOptions,
    now: number,
  ) => {
    if (settled.has(answer.id)) return
    settled.add(answer.id)
    const body = messageText(answer)
    // the spec keeps Message Received for text (or voice); a tools-and-components-only answer has its own events
    // the server sent it (trackMessageReceived), with the same messageId
    if (body === '' || options.messageReceivedFrom === 'server') return
    const { finishReason, usage } = readCopilotMetadata(answer)
    client.messageReceived({
      ...turnProperties(current, answer, options, now),
      ...defined({
        finish_reason: finishReason,
        usage: usage
          ? defined({
              input_tokens: usage.inputTokens,
              output_tokens: usage.outputTokens,
              total_tokens: usage.totalTokens,
            })
          : undefined,
      }),
      body,
      messageId: answer.id,
      ...(options.role ? { role: options.role } : {}),
    })
  }

  const fail = (
    current: Turn,
    reason: MessageFailedReason,
    answer: ChatMessageLike | undefined,
    error: Error | undefined,
    client: CopilotAnalytics,
    options: ChatAnalyticsOptions,
    now: number,
  ) => {
    if (answer) {
      if (settled.has(answer.id)) return
      settled.add(answer.id)
    }
    const body = answer ? messageText(answer) : ''
    const message = error?.message
    client.track(
      MESSAGE_FAILED,
      defined({
        messageId: answer?.id,
        reason,
        error: message && message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message,
        message_body: body === '' ? undefined : body,
        role: options.role ?? 'agent',
        ...turnProperties(current, answer, options, now),
      }),
    )
  }

  /** A request left: Message Sent for its new user message, or a note of what it regenerates or continues. */
  const begin = (
    messages: readonly ChatMessageLike[],
    client: CopilotAnalytics,
    options: ChatAnalyticsOptions,
    now: number,
  ): Turn => {
    const last = messages[messages.length - 1]
    // a request that continues a waiting answer (tool result, approval) is the same turn
    if (waiting) {
      const resumedTurn = waiting
      waiting = undefined
      if (last?.id === resumedTurn.answerId) return resumedTurn
      const stale = messages.find((message) => message.id === resumedTurn.answerId)
      if (stale) receive(resumedTurn, stale, client, options, now)
    }
    const userIndex = lastUserIndex(messages)
    const user = messages[userIndex]
    const isNewQuestion = user !== undefined && !known.has(user.id)
    const continues = !isNewQuestion && last?.role === 'assistant' && known.has(last.id) ? last.id : undefined
    let regenerated: Turn['regenerated']
    if (user && isNewQuestion) {
      known.add(user.id)
      questions.set(user.id, messageText(user))
      client.messageSent({ body: messageText(user), messageId: user.id })
    } else if (user && continues === undefined) {
      // the same question answered again: regenerate, retry after an error, or an edit (same ID, new text)
      const text = messageText(user)
      const previous = questions.get(user.id)
      regenerated = { replaces: removed[removed.length - 1], edited: previous !== undefined && previous !== text }
      questions.set(user.id, text)
    }
    removed = []
    // anything else nobody has seen before the question is history (e.g. setMessages); after it, the answer
    messages.forEach((message, index) => {
      if (index <= userIndex && !known.has(message.id)) markHistory(message)
    })
    const before = new Set(messages.map((message) => message.id))
    for (const message of messages) if (!known.has(message.id)) before.delete(message.id)
    return { ...emptyTurn(before), startedAt: now, replyTo: user?.id, continues, regenerated }
  }

  /** The answer of the current turn: the last message, when it is an assistant message the request produced. */
  const answerOf = (current: Turn, messages: readonly ChatMessageLike[]) => {
    const last = messages[messages.length - 1]
    if (last?.role !== 'assistant') return undefined
    if (last.id === current.continues || last.id === current.answerId || !current.before.has(last.id)) return last
    return undefined
  }

  /** The request ended: Message Received, Message Failed, or wait for a tool. */
  const end = (
    current: Turn,
    messages: readonly ChatMessageLike[],
    status: ChatStatusLike,
    error: Error | undefined,
    client: CopilotAnalytics,
    options: ChatAnalyticsOptions,
    now: number,
  ) => {
    const answer = current.answerId ? messages.find((message) => message.id === current.answerId) : undefined
    if (answer && settled.has(answer.id)) return
    if (status === 'error') return fail(current, 'error', answer, error, client, options, now)
    if (!answer || isCutOff(answer)) return fail(current, 'stopped', answer, undefined, client, options, now)
    if (isWaitingForTool(answer)) {
      waiting = current
      return
    }
    receive(current, answer, client, options, now)
  }

  const step = (snapshot: ChatSnapshot, client: CopilotAnalytics, options: ChatAnalyticsOptions, now: number) => {
    const { messages, status } = snapshot
    const busy = BUSY.has(status)
    const ids = messages.map((message) => message.id)

    if (!initialized) {
      initialized = true
      for (const message of messages) markHistory(message)
      // a stream resumed on page load: its question is history, its answer is new (its start is unknown)
      if (busy) {
        const replyTo = lastUserIndex(messages) === -1 ? undefined : messages[lastUserIndex(messages)]?.id
        turn = { ...emptyTurn(new Set(ids)), replyTo, resumed: true }
      }
      wasBusy = busy
      wasError = status === 'error'
      // requests made before the first update (while disabled) are history with their messages
      requestsSeen = snapshot.requests ?? 0
      previousIds = ids
      return
    }

    const present = new Set(ids)
    for (const id of previousIds) if (!present.has(id) && settled.has(id)) removed.push(id)
    if (waiting?.answerId !== undefined && !present.has(waiting.answerId)) waiting = undefined

    // a request that went from sent to finished between two renders (inside act(), a cached answer) shows no busy
    // status: its messages are new, and the app started a request (or it failed: an error status is new)
    const requests = snapshot.requests ?? 0
    const unseen = messages.some((message) => !known.has(message.id))
    const oneRender =
      !busy && !wasBusy && !turn && unseen && (requests > requestsSeen || (status === 'error' && !wasError))
    if ((busy && !wasBusy) || oneRender) {
      requestsSeen = requests
      turn = begin(messages, client, options, now)
    }
    wasError = status === 'error'

    if (turn) {
      const answer = answerOf(turn, messages)
      if (answer) {
        turn.answerId = answer.id
        known.add(answer.id)
        live.add(answer.id)
        if (turn.firstContentAt === undefined && hasContent(answer)) turn.firstContentAt = now
      }
    } else {
      // messages added without a request (setMessages, a history loaded later) are history
      for (const message of messages) if (!known.has(message.id)) markHistory(message)
    }

    for (const message of messages) if (live.has(message.id)) trackParts(message, client, options)

    if (turn && !busy) {
      const finished = turn
      turn = undefined
      end(finished, messages, status, snapshot.error, client, options, now)
    }
    wasBusy = busy
    previousIds = ids
  }

  return {
    update(snapshot, client, options, now) {
      try {
        step(snapshot, client, options, now)
      } catch (error) {
        warn('could not read the chat state; this update was skipped', error)
      }
    },
  }
}
