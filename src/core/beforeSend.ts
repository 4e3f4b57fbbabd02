import type { Reporter } from './reporter'
import type { BeforeSend, CopilotEvent } from './types'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const named = (value: unknown) => typeof value === 'string' && value.trim() !== ''

const nameOf = (event: CopilotEvent): string => (event.type === 'track' ? event.event : 'Identify')

/** Whether `result` can be sent in place of `original`: same type, an anonymousId, a name and properties (or traits). */
const isSendable = (result: unknown, original: CopilotEvent): result is CopilotEvent =>
  isRecord(result) &&
  result.type === original.type &&
  named(result.anonymousId) &&
  (original.type === 'track' ? named(result.event) && isRecord(result.properties) : isRecord(result.traits))

/**
 * Runs the `beforeSend` hook on one event. Fails closed: a hook that throws or returns something unusable
 * drops the event (and reports why), because a filter that fails must not leak what it was meant to filter.
 * Returns the event to send, or null to drop it.
 */
export function applyBeforeSend(event: CopilotEvent, hook: BeforeSend, reporter: Reporter): CopilotEvent | null {
  let result: unknown
  try {
    // a copy, so a hook that mutates what it gets cannot change the record other listeners see
    result = hook(
      event.type === 'track'
        ? { ...event, properties: { ...event.properties } }
        : { ...event, traits: { ...event.traits } },
    )
  } catch (error) {
    reporter.report(nameOf(event), 'beforeSend', 'dropped, threw', undefined, error)
    return null
  }
  if (result === null || isSendable(result, event)) return result
  reporter.report(nameOf(event), 'beforeSend', 'dropped, not an event', [result, event])
  return null
}
