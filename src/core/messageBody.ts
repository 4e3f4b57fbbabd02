import type { Reporter } from './reporter'
import { characterCount } from './truncate'

/** The `messageBody` option once its `'redact'` rules are loaded (they arrive as a function). */
export type BodyTransform = 'full' | 'omit' | ((body: string, event: string) => string)

/**
 * Applies the `messageBody` option to an event's properties. A custom function that throws or returns
 * a non-string never lets the raw body through: the body is omitted and the problem reported.
 */
export function applyMessageBodyMode(
  event: string,
  properties: Record<string, unknown>,
  mode: BodyTransform,
  reporter: Reporter,
): Record<string, unknown> {
  const body = properties.message_body
  if (typeof body !== 'string' || mode === 'full') return properties
  if (mode !== 'omit') {
    try {
      const transformed = mode(body, event)
      if (typeof transformed === 'string') return { ...properties, message_body: transformed }
      reporter.report(event, 'message_body', 'body omitted', typeof transformed)
    } catch (error) {
      reporter.report(event, 'message_body', 'body omitted, threw', undefined, error)
    }
  }
  const { message_body: _omitted, ...rest } = properties
  return { ...rest, message_body_length: characterCount(body) }
}
