import { listMessageFailed, listMessageReceived } from './answerOutcome'
import type { Turn } from './ChatMemory'
import type { ChatSnapshot } from './ChatSnapshot'
import type { DiffStep } from './DiffStep'
import { isCutOff, isWaitingForTool } from './messageParts'

/**
 * The request ended (the status is no longer busy): lists Message Received or Message Failed for its answer, or
 * keeps the turn waiting when a tool call still needs a result or an approval.
 */
export function endTurn(step: DiffStep, turn: Turn, { messages, status, error }: ChatSnapshot): void {
  const answer = turn.answerId ? messages.find((message) => message.id === turn.answerId) : undefined
  if (answer && step.memory.settled.has(answer.id)) return
  if (status === 'error') listMessageFailed(step, turn, { reason: 'error', answer, error })
  else if (!answer || isCutOff(answer)) listMessageFailed(step, turn, { reason: 'stopped', answer })
  else if (isWaitingForTool(answer)) step.memory.waiting = turn
  else listMessageReceived(step, turn, answer)
}
