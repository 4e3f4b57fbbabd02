import type { Reporter } from './reporter'

// a copy of the client's one-liner: a module shared by the client and its pipeline would become a third chunk
/** A string with more than white space (the pipeline's own copy: it imports nothing from the first bundle). */
export const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

/** Each spec event's default `role`, for those that have one. */
const DEFAULT_ROLES: Readonly<Record<string, string>> = {
  'Message Sent': 'customer',
  'Message Received': 'agent',
  'Action Invoked': 'customer',
  'Media Generated': 'agent',
}

/** The app's input fields each spec event reads; the others go out as they came, as extra properties. */
const READ_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'Message Sent': ['body', 'messageId', 'role'],
  'Message Received': ['body', 'messageId', 'role'],
  'Action Invoked': ['type', 'action', 'messageId', 'role'],
  'Media Generated': ['type', 'subType', 'messageId', 'role'],
  'Component Loaded': ['type', 'messageId'],
  'Feedback Submitted': ['rating', 'messageId'],
}

const readBody = (event: string, value: unknown, reporter: Reporter): { message_body?: string } => {
  if (typeof value === 'string') return { message_body: value }
  const text = typeof value === 'number' || typeof value === 'boolean'
  reporter.report(event, 'message_body', text ? 'sent as text' : 'left out', value === null ? 'null' : typeof value)
  return text ? { message_body: String(value) } : {}
}

/**
 * A spec event's properties from the app's input, in the spec's names: the app's extra properties first, then
 * what the client settled when the call was made (`settled`: conversationId, messageId, type, rating), then the
 * rest of the spec properties with their defaults (`role`), renames (`subType` → `sub_type`, `body` →
 * `message_body`) and checks. Done here, in the pipeline, so an app's first bundle carries none of it.
 */
export function finishProperties(
  event: string,
  input: Record<string, unknown>,
  settled: Record<string, unknown>,
  reporter: Reporter,
): Record<string, unknown> {
  const properties: Record<string, unknown> = { ...input }
  for (const field of READ_FIELDS[event] ?? []) delete properties[field]
  Object.assign(properties, settled)
  // `message_body` (the wire name) is read like `body`, as `sub_type` is like `subType`
  if (event.startsWith('Message '))
    Object.assign(properties, readBody(event, input.body ?? input.message_body, reporter))
  if (event === 'Action Invoked' || event === 'Media Generated') {
    properties.type = input.type
    // nothing waits for their messageId (the client returns none), so it is read here
    if (nonEmptyString(input.messageId)) properties.messageId = input.messageId
  }
  // a messageId that is not a non-empty string was not used (the client generated one, or sent none)
  if (input.messageId !== undefined && input.messageId !== properties.messageId) {
    reporter.report(event, 'messageId', 'ignored')
  }
  if (event === 'Action Invoked') properties.action = input.action
  if (event === 'Media Generated') properties.sub_type = input.subType ?? input.sub_type
  // the client sent a numeric string as its number (anything else it did not send)
  const { rating } = input
  if (event === 'Feedback Submitted' && typeof rating === 'string' && rating !== 'up' && rating !== 'down') {
    reporter.report(event, 'rating', 'sent as a number', rating)
  }
  const fallback = DEFAULT_ROLES[event]
  if (fallback) {
    const { role } = input
    const valid = role === undefined || nonEmptyString(role)
    if (!valid) reporter.report(event, 'role', 'default used', fallback)
    properties.role = valid ? (role ?? fallback) : fallback
  }
  return properties
}
