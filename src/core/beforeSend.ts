import { isRecord, nonEmptyString } from '../shared/guards'
import { IDENTIFY_RULE } from '../spec/rules'
import type { Reporter } from './reporter'
import type { BeforeSend, CopilotEvent } from './types'

/** The name a report gives an event: its own, or the spec's name for an identify. */
export const nameOf = (event: CopilotEvent): string => (event.type === 'track' ? event.event : IDENTIFY_RULE.name)

/** Why a hook's result cannot be sent in place of the event (`problems.ts` words it for development builds). */
export interface Unsendable {
  /** The part at fault: the result itself, its type, anonymousId, event name, properties or traits. */
  readonly fault: 'result' | 'type' | 'anonymousId' | 'event' | 'properties' | 'traits'
  /** What came instead: the result (`result`) or its type (`type`). */
  readonly got?: unknown
}

/**
 * Whether `result` can be sent in place of `original`: the same type, an anonymousId, and a name and properties
 * (track) or traits (identify). Undefined when it can, else why not.
 */
function whyNotSendable(result: unknown, original: CopilotEvent): Unsendable | undefined {
  if (!isRecord(result)) return { fault: 'result', got: result }
  if (result.type !== original.type) return { fault: 'type', got: result.type }
  if (!nonEmptyString(result.anonymousId)) return { fault: 'anonymousId' }
  if (original.type !== 'track') return isRecord(result.traits) ? undefined : { fault: 'traits' }
  if (!nonEmptyString(result.event)) return { fault: 'event' }
  return isRecord(result.properties) ? undefined : { fault: 'properties' }
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
    reporter.report(nameOf(event), 'beforeSend', 'dropped, threw', undefined, error)
    return null
  }
  if (result === null) return null
  const unsendable = whyNotSendable(result, event)
  if (!unsendable) return result as CopilotEvent
  reporter.report(nameOf(event), 'beforeSend', 'dropped, not an event', unsendable)
  return null
}
