/**
 * How an answer ends, as events: Message Received when it finished, Message Failed when it errored or was
 * stopped. Each answer once: it is settled in the memory as it is listed.
 */
import { shorten } from '../shared/shorten'
import { MESSAGE_FAILED } from './ChatEvent'
import type { Turn } from './ChatMemory'
import type { DiffStep } from './DiffStep'
import { messageText, readCopilotMetadata } from './messageParts'
import type { ChatMessageLike, MessageFailedReason } from './types'

const MAX_ERROR_LENGTH = 200

/** Keeps only defined values, so events carry no `undefined` properties. */
const defined = (record: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))

const elapsed = (from: number | undefined, to: number | undefined) =>
  from === undefined || to === undefined ? undefined : Math.max(0, Math.round(to - from))

/** The properties every answer event of a turn carries: timings, model, what it replied to or replaced. */
function turnProperties(step: DiffStep, turn: Readonly<Turn>, answer: ChatMessageLike | undefined) {
  const metadata = answer ? readCopilotMetadata(answer) : {}
  return defined({
    model: metadata.model ?? step.options.model,
    latency_ms: elapsed(turn.startedAt, step.now),
    time_to_first_token_ms: elapsed(turn.startedAt, turn.firstContentAt),
    reply_to_message_id: turn.replyTo,
    regenerated: turn.regenerated ? true : undefined,
    replaces_message_id: turn.regenerated?.replaces,
    edited: turn.regenerated?.edited ? true : undefined,
    resumed: turn.resumed ? true : undefined,
  })
}

/** Lists Message Received for a finished answer (unless it has no text, or the server sends it). */
export function listMessageReceived(step: DiffStep, turn: Readonly<Turn>, answer: ChatMessageLike): void {
  const { memory, options } = step
  if (memory.settled.has(answer.id)) return
  memory.settled.add(answer.id)
  const body = messageText(answer)
  // the spec keeps Message Received for text (or voice); a tools-and-components-only answer has its own events;
  // with messageReceivedFrom 'server' the route sent it (trackMessageReceived), with the same messageId
  if (body === '' || options.messageReceivedFrom === 'server') return
  const { finishReason, usage } = readCopilotMetadata(answer)
  const input = {
    ...turnProperties(step, turn, answer),
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
  }
  step.events.push({ name: 'Message Received', input })
}

/** Why and how an answer failed: the reason, the partial answer if any arrived, the request's error. */
export interface Failure {
  readonly reason: MessageFailedReason
  readonly answer?: ChatMessageLike | undefined
  readonly error?: Error | undefined
}

/** Lists Message Failed for an answer that errored or was stopped (once per partial answer). */
export function listMessageFailed(step: DiffStep, turn: Readonly<Turn>, { reason, answer, error }: Failure): void {
  if (answer) {
    if (step.memory.settled.has(answer.id)) return
    step.memory.settled.add(answer.id)
  }
  const body = answer ? messageText(answer) : ''
  const message = error?.message
  const input = defined({
    messageId: answer?.id,
    reason,
    error: typeof message === 'string' ? shorten(message, MAX_ERROR_LENGTH) : undefined,
    message_body: body === '' ? undefined : body,
    role: step.options.role ?? 'agent',
    ...turnProperties(step, turn, answer),
  })
  step.events.push({ name: MESSAGE_FAILED, input })
}
