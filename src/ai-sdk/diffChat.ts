import { beginTurn } from './beginTurn'
import type { ChatEvent } from './ChatEvent'
import { type ChatMemory, emptyMemory, emptyTurn, rememberAsHistory, type Turn, workingCopyOf } from './ChatMemory'
import type { ChatSnapshot } from './ChatSnapshot'
import type { DiffStep } from './DiffStep'
import { endTurn } from './endTurn'
import { listPartEvents } from './listPartEvents'
import { hasContent, lastUserIndex } from './messageParts'
import type { ChatAnalyticsOptions, ChatMessageLike } from './types'

/** What one snapshot changed: the memory for the next diff, the events to send, and warnings to print. */
export interface ChatDiff {
  readonly memory: ChatMemory
  readonly events: readonly ChatEvent[]
  /** An app function (`tools.*.action`, `tools.*.component`) threw; its default was used. */
  readonly warnings: readonly { readonly message: string; readonly error: unknown }[]
}

const BUSY = new Set(['submitted', 'streaming'])

/** The first snapshot: everything there is history; a stream already running was resumed on page load. */
function firstMemory(snapshot: ChatSnapshot, busy: boolean): ChatMemory {
  const { messages } = snapshot
  const memory = emptyMemory()
  for (const message of messages) rememberAsHistory(memory, message)
  memory.lastIds = messages.map((message) => message.id)
  memory.wasBusy = busy
  memory.wasError = snapshot.status === 'error'
  // requests made before the first snapshot (while disabled) are history with their messages
  memory.requestsSeen = snapshot.requests ?? 0
  // a stream resumed on page load: its question is history, its answer is new (its start is unknown)
  if (busy)
    memory.turn = {
      ...emptyTurn(new Set(memory.lastIds)),
      replyTo: messages[lastUserIndex(messages)]?.id,
      resumed: true,
    }
  return memory
}

/** Whether this snapshot shows a request that began since the last one. */
function requestBegan(memory: ChatMemory, snapshot: ChatSnapshot, busy: boolean): boolean {
  if (busy) return !memory.wasBusy
  // a request that went from sent to finished between two snapshots (inside act(), a cached answer) shows no busy
  // status: its messages are new, and the app started a request (or it failed: an error status is new)
  const unseen = snapshot.messages.some((message) => !memory.known.has(message.id))
  const isNewError = snapshot.status === 'error' && !memory.wasError
  return !memory.wasBusy && !memory.turn && unseen && ((snapshot.requests ?? 0) > memory.requestsSeen || isNewError)
}

/** The answer of the turn: the last message, when it is an assistant message the request produced. */
function answerOf(turn: Turn, messages: readonly ChatMessageLike[]): ChatMessageLike | undefined {
  const last = messages[messages.length - 1]
  if (last?.role !== 'assistant') return undefined
  if (last.id === turn.continues || last.id === turn.answerId || !turn.before.has(last.id)) return last
  return undefined
}

/** Follows the turn's answer as it streams in: known, live (its parts are tracked), its first content timed. */
function followAnswer(step: DiffStep, turn: Turn, messages: readonly ChatMessageLike[]): void {
  const answer = answerOf(turn, messages)
  if (!answer) return
  turn.answerId = answer.id
  step.memory.known.add(answer.id)
  step.memory.live.add(answer.id)
  if (turn.firstContentAt === undefined && hasContent(answer)) turn.firstContentAt = step.now
}

/**
 * The pure heart of `useChatAnalytics`: compares a snapshot of the chat (messages, status, error, request count)
 * with what `previous` remembers of the snapshots before it, and lists the events the change calls for, each once:
 * Message Sent when a request leaves with a new user message; Action Invoked, Component Loaded and Media Generated
 * as tool calls, results and files appear in an answer; Message Received when the answer has finished; Message
 * Failed when it errored or was stopped. Messages on the first snapshot (`previous` undefined), or added without
 * a request (`setMessages`, restored history), are history: never listed.
 *
 * Changes nothing it is given (the new memory is a copy) and sends nothing; the same snapshot twice lists nothing
 * the second time. `now` is the commit's monotonic time in ms. The only code it calls besides its own is the
 * app's `tools.*.action` and `tools.*.component`; what they throw becomes a warning.
 */
export function diffChat(
  previous: ChatMemory | undefined,
  snapshot: ChatSnapshot,
  options: ChatAnalyticsOptions,
  now: number,
): ChatDiff {
  const { messages, status } = snapshot
  const busy = BUSY.has(status)
  if (!previous) return { memory: firstMemory(snapshot, busy), events: [], warnings: [] }

  const step: DiffStep = { memory: workingCopyOf(previous), options, now, events: [], warnings: [] }
  const { memory } = step
  const ids = messages.map((message) => message.id)
  const present = new Set(ids)
  for (const id of previous.lastIds) if (!present.has(id) && memory.settled.has(id)) memory.removed.push(id)
  if (memory.waiting?.answerId !== undefined && !present.has(memory.waiting.answerId)) memory.waiting = undefined

  if (requestBegan(previous, snapshot, busy)) {
    memory.requestsSeen = snapshot.requests ?? 0
    memory.turn = beginTurn(step, messages)
  }
  const { turn } = memory
  if (turn) followAnswer(step, turn, messages)
  // messages added without a request (setMessages, a history loaded later) are history
  else for (const message of messages) if (!memory.known.has(message.id)) rememberAsHistory(memory, message)

  for (const message of messages) if (memory.live.has(message.id)) listPartEvents(step, message)

  if (turn && !busy) {
    memory.turn = undefined
    endTurn(step, turn, snapshot)
    // the request is over: whatever else is there now is history, and requests started meanwhile were this one
    for (const message of messages) if (!memory.known.has(message.id)) rememberAsHistory(memory, message)
    memory.requestsSeen = Math.max(memory.requestsSeen, snapshot.requests ?? 0)
  }
  memory.lastIds = ids
  memory.wasBusy = busy
  memory.wasError = status === 'error'
  return { memory, events: step.events, warnings: step.warnings }
}
