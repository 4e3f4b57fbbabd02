import { listMessageReceived } from './answerOutcome'
import { emptyTurn, rememberAsHistory, type Turn } from './ChatMemory'
import type { DiffStep } from './DiffStep'
import { lastUserIndex, messageText } from './messageParts'
import type { ChatMessageLike } from './types'

/**
 * A request left: lists Message Sent for its new user message, or notes what it regenerates (regenerate, retry,
 * edit) or continues (a tool result, an approval). Returns the turn it starts.
 */
export function beginTurn(step: DiffStep, messages: readonly ChatMessageLike[]): Turn {
  const { memory } = step
  const last = messages[messages.length - 1]
  // a request that continues a waiting answer (tool result, approval) is the same turn
  const { waiting } = memory
  if (waiting) {
    memory.waiting = undefined
    if (last?.id === waiting.answerId) return waiting
    // a new question instead: the waiting answer is as finished as it will get
    const stale = messages.find((message) => message.id === waiting.answerId)
    if (stale) listMessageReceived(step, waiting, stale)
  }
  const userIndex = lastUserIndex(messages)
  const user = messages[userIndex]
  const isNewQuestion = user !== undefined && !memory.known.has(user.id)
  const continues = !isNewQuestion && last?.role === 'assistant' && memory.known.has(last.id) ? last.id : undefined
  let regenerated: Turn['regenerated']
  if (user && isNewQuestion) {
    const body = messageText(user)
    memory.known.add(user.id)
    memory.questions.set(user.id, body)
    step.events.push({ name: 'Message Sent', input: { body, messageId: user.id } })
  } else if (user && continues === undefined) {
    // the same question answered again: regenerate, retry after an error, or an edit (same ID, new text)
    const text = messageText(user)
    const previous = memory.questions.get(user.id)
    regenerated = {
      replaces: memory.removed[memory.removed.length - 1],
      edited: previous !== undefined && previous !== text,
    }
    memory.questions.set(user.id, text)
  }
  memory.removed = []
  // anything else nobody has seen before the question is history (e.g. setMessages); after it, the answer
  messages.forEach((message, index) => {
    if (index <= userIndex && !memory.known.has(message.id)) rememberAsHistory(memory, message)
  })
  const before = new Set<string>()
  for (const message of messages) if (memory.known.has(message.id)) before.add(message.id)
  return { ...emptyTurn(before), startedAt: step.now, replyTo: user?.id, continues, regenerated }
}
