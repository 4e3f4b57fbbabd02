import type { CopilotEvent, EventRecord } from '../core/types'

/** A track event as recorded by the test client. */
export type TrackedEvent = Extract<CopilotEvent, { type: 'track' }>

/** Narrows a search to one conversation. */
export interface EventQuery {
  /** Only events whose `properties.conversationId` is this. */
  conversationId?: string
}

/** What the matchers and helpers accept as "the events": a test client, a memory destination, or an array. */
export type EventSource =
  | { readonly events: readonly CopilotEvent[] }
  | readonly CopilotEvent[]
  | readonly EventRecord[]

const isRecord = (value: unknown): value is EventRecord =>
  typeof value === 'object' &&
  value !== null &&
  'status' in value &&
  'event' in value &&
  typeof value.event === 'object'

/** The track events of a source, oldest first. Records that were not sent (held, dropped) are left out. */
export function trackEventsOf(source: EventSource | readonly (CopilotEvent | EventRecord)[]): TrackedEvent[] {
  const items: readonly unknown[] = Array.isArray(source)
    ? source
    : (((source as { events?: unknown }).events as readonly unknown[] | undefined) ?? [])
  const events: TrackedEvent[] = []
  for (const item of items) {
    if (isRecord(item)) {
      if (item.status === 'sent' && item.event.type === 'track') events.push(item.event)
    } else if (typeof item === 'object' && item !== null && (item as CopilotEvent).type === 'track') {
      events.push(item as TrackedEvent)
    }
  }
  return events
}

/** Whether `value` can be read as events by {@link trackEventsOf}. */
export const isEventSource = (value: unknown): value is EventSource =>
  Array.isArray(value) ||
  (typeof value === 'object' && value !== null && Array.isArray((value as { events?: unknown }).events))

export const matchesQuery = (event: TrackedEvent, query: EventQuery): boolean =>
  query.conversationId === undefined || event.properties.conversationId === query.conversationId
