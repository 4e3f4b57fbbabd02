import type { Reporter } from './reporter'
import type { CopilotEvent } from './types'

/**
 * Your own step in the pipeline, run on every event after consent, sampling and privacy (body mode, truncation)
 * and before validation: return the event (changed or not) to send it, or `null` to drop it.
 */
export type BeforeSend = (event: CopilotEvent) => CopilotEvent | null

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const nameOf = (event: CopilotEvent): string => (event.type === 'track' ? event.event : 'Identify')

/** What was wrong with a value `beforeSend` returned, or undefined when it can be sent. */
function problemWith(result: object, original: CopilotEvent): string | undefined {
  const candidate = result as Partial<Record<string, unknown>>
  if (candidate.type !== original.type) return `changed the event type to ${String(candidate.type)}`
  if (typeof candidate.anonymousId !== 'string' || candidate.anonymousId === '') return 'returned no anonymousId'
  if (original.type === 'track') {
    if (typeof candidate.event !== 'string' || candidate.event.trim() === '') return 'returned no event name'
    if (!isRecord(candidate.properties)) return 'returned properties that are not an object'
  } else if (!isRecord(candidate.traits)) return 'returned traits that are not an object'
  return undefined
}

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
    reporter.report(nameOf(event), 'beforeSend', 'threw; the event was dropped', error)
    return null
  }
  if (result === null) return null
  if (!isRecord(result)) {
    reporter.report(
      nameOf(event),
      'beforeSend',
      `must return the event or null, got ${typeof result}; the event was dropped`,
    )
    return null
  }
  const problem = problemWith(result, event)
  if (problem) {
    reporter.report(nameOf(event), 'beforeSend', `${problem}; the event was dropped`)
    return null
  }
  return result as CopilotEvent
}
