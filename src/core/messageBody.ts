import { redact } from './redact'
import type { Reporter } from './reporter'
import { characterCount } from './truncate'
import type { MessageBodyMode } from './types'

/**
 * Applies the `messageBody` option to an event's properties. A custom function that throws or returns
 * a non-string never lets the raw body through: the body is omitted and the problem reported.
 */
export function applyMessageBodyMode(
  event: string,
  properties: Record<string, unknown>,
  mode: MessageBodyMode,
  reporter: Reporter,
): Record<string, unknown> {
  const body = properties.message_body
  if (typeof body !== 'string' || mode === 'full') return properties
  const omitted = (): Record<string, unknown> => {
    const { message_body: _omitted, ...rest } = properties
    return { ...rest, message_body_length: characterCount(body) }
  }
  if (mode === 'omit') return omitted()
  if (mode === 'redact') return { ...properties, message_body: redact(body) }
  try {
    const transformed = mode(body, event)
    if (typeof transformed === 'string') return { ...properties, message_body: transformed }
    reporter.report(
      event,
      'message_body',
      `the messageBody function returned ${typeof transformed}; the body was omitted`,
    )
  } catch (error) {
    reporter.report(event, 'message_body', 'the messageBody function threw; the body was omitted', error)
  }
  return omitted()
}
