import { nonEmptyString } from '../shared/guards'
import { ruleOf } from '../spec/rules'
import type { Reporter } from './reporter'

const readBody = (event: string, value: unknown, reporter: Reporter): { message_body?: string } => {
  if (typeof value === 'string') return { message_body: value }
  const text = typeof value === 'number' || typeof value === 'boolean'
  reporter.report(event, 'message_body', text ? 'sent as text' : 'left out', value === null ? 'null' : typeof value)
  return text ? { message_body: String(value) } : {}
}

/**
 * A spec event's properties from the app's input, in the spec's names: the app's extra properties first, then
 * what the client settled when the call was made (`settled`: conversationId, messageId, type, rating), then the
 * rest of the spec properties the event reads (its rules' `input` fields, in `src/spec/rules.ts`) with their
 * defaults (`role`), renames (`subType` → `sub_type`, `body` → `message_body`) and checks. Done here, in the
 * pipeline, so an app's first bundle carries none of it.
 */
export function finishProperties(
  event: string,
  input: Record<string, unknown>,
  settled: Record<string, unknown>,
  reporter: Reporter,
): Record<string, unknown> {
  const spec = ruleOf(event)?.properties ?? {}
  const rules = Object.entries(spec)
  const properties: Record<string, unknown> = { ...input }
  // what the event reads is sent as read below, not as it came (under its input name or its wire name)
  for (const [name, rule] of rules) {
    if (rule.input === undefined) continue
    delete properties[rule.input]
    delete properties[name]
  }
  Object.assign(properties, settled)
  for (const [name, rule] of rules) {
    if (rule.input === undefined || Object.hasOwn(settled, name)) continue
    // the wire name is read too (`message_body` like `body`, `sub_type` like `subType`)
    const value = input[rule.input] ?? input[name]
    if (name === 'message_body') Object.assign(properties, readBody(event, value, reporter))
    else if (name === 'messageId') {
      // nothing waits for it (the client returned none), so an unusable one is left out here
      if (nonEmptyString(value)) properties.messageId = value
    } else if (rule.default !== undefined) {
      const valid = value === undefined || nonEmptyString(value)
      if (!valid) reporter.report(event, name, 'default used', rule.default)
      properties[name] = valid ? (value ?? rule.default) : rule.default
    } else properties[name] = value
  }
  // a messageId that is not a non-empty string was not used (the client generated one, or sent none)
  if (input.messageId !== undefined && input.messageId !== properties.messageId) {
    reporter.report(event, 'messageId', 'ignored')
  }
  // the client sent a numeric string as its number (anything else it did not send)
  const { rating } = input
  if (Object.hasOwn(spec, 'rating') && typeof rating === 'string' && rating !== 'up' && rating !== 'down') {
    reporter.report(event, 'rating', 'sent as a number', rating)
  }
  return properties
}
