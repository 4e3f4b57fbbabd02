import { hasOutput, isInputComplete, mediaPartsOf, messageText, toolCallsOf } from './messageParts'
import type { ChatMessageLike, ToolCallInfo } from './types'

/** One request/answer cycle, from the request leaving to the answer finishing (continuations included). */
export interface Turn {
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

/** A turn with nothing known yet but the messages that were there when it began. */
export const emptyTurn = (before: ReadonlySet<string>): Turn => ({
  startedAt: undefined,
  firstContentAt: undefined,
  replyTo: undefined,
  before,
  continues: undefined,
  regenerated: undefined,
  resumed: false,
  answerId: undefined,
})

/**
 * What `diffChat` remembers from one snapshot to the next, as one diff changes it (on a copy, {@link workingCopyOf}):
 * the last snapshot's shape, every message and part already accounted for, and the turn in flight.
 */
export interface WorkingMemory {
  /** The IDs of the last snapshot's messages, in order. */
  lastIds: readonly string[]
  /** The last snapshot's status was `submitted` or `streaming`. */
  wasBusy: boolean
  /** The last snapshot's status was `error`. */
  wasError: boolean
  /** The app's request count when the last turn began (or on the first snapshot). */
  requestsSeen: number
  /** Every message handled: sent, answered, or history. */
  readonly known: Set<string>
  /** Answers already reported (received, failed, or history): never reported again. */
  readonly settled: Set<string>
  /** Answers of this session, whose tool calls and files are tracked as they appear. */
  readonly live: Set<string>
  /** Tool calls, components and files already reported (or history), by {@link partKey}. */
  readonly reported: Set<string>
  /** The text of each user message, to tell an edit (same ID, new text) from a regenerate. */
  readonly questions: Map<string, string>
  /** Settled answers removed since the last request: the last one is what a regenerated answer replaces. */
  removed: string[]
  /** The request in flight. */
  turn: Turn | undefined
  /** An answer whose stream ended while a tool call waits for a result or an approval. */
  waiting: Turn | undefined
}

type ReadonlyOf<T> =
  T extends Set<infer V>
    ? ReadonlySet<V>
    : T extends Map<infer K, infer V>
      ? ReadonlyMap<K, V>
      : T extends readonly (infer V)[]
        ? readonly V[]
        : T extends Turn
          ? Readonly<Turn>
          : T

/** {@link WorkingMemory} between two diffs: read-only, so a diff can never change the memory it was given. */
export type ChatMemory = { readonly [K in keyof WorkingMemory]: ReadonlyOf<WorkingMemory[K]> }

/** A working copy of `memory`: the diff changes it, never the memory it was given. */
export const workingCopyOf = (memory: ChatMemory): WorkingMemory => ({
  ...memory,
  known: new Set(memory.known),
  settled: new Set(memory.settled),
  live: new Set(memory.live),
  reported: new Set(memory.reported),
  questions: new Map(memory.questions),
  removed: [...memory.removed],
  turn: memory.turn && { ...memory.turn },
  waiting: memory.waiting && { ...memory.waiting },
})

/** A memory that has seen nothing. */
export const emptyMemory = (): WorkingMemory => ({
  lastIds: [],
  wasBusy: false,
  wasError: false,
  requestsSeen: 0,
  known: new Set(),
  settled: new Set(),
  live: new Set(),
  reported: new Set(),
  questions: new Map(),
  removed: [],
  turn: undefined,
  waiting: undefined,
})

/** The key under which a part's event is remembered as reported. */
export const partKey = {
  action: (call: ToolCallInfo) => `action\u0000${call.toolCallId}`,
  component: (call: ToolCallInfo) => `component\u0000${call.toolCallId}`,
  media: (messageId: string, index: number) => `media\u0000${messageId}\u0000${index}`,
}

/** Takes `message` as history: known, its answer settled, its tool calls and files as already reported. */
export function rememberAsHistory(memory: WorkingMemory, message: ChatMessageLike): void {
  memory.known.add(message.id)
  if (message.role === 'user') memory.questions.set(message.id, messageText(message))
  if (message.role !== 'assistant') return
  memory.settled.add(message.id)
  for (const call of toolCallsOf(message)) {
    if (isInputComplete(call)) memory.reported.add(partKey.action(call))
    if (hasOutput(call)) memory.reported.add(partKey.component(call))
  }
  for (const media of mediaPartsOf(message)) memory.reported.add(partKey.media(message.id, media.index))
}
