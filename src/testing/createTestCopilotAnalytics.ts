import { createClient } from '../core/createCopilotAnalytics'
import type { MemoryDestination } from '../core/destinations/memory'
import { memoryDestination } from '../core/destinations/memory'
import { createEngine } from '../core/engine'
import { redact } from '../core/redact'
import type { CopilotAnalytics, CopilotAnalyticsOptions, CopilotEvent, EventRecord } from '../core/types'
import type { KnownEvents } from '../spec'
import { type EventQuery, matchesQuery, type TrackedEvent, trackEventsOf } from './events'

/** Options of {@link createTestCopilotAnalytics}: the client's options, without a destination (memory is used). */
export type TestCopilotAnalyticsOptions = Omit<
  CopilotAnalyticsOptions,
  'destination' | 'analytics' | 'writeKey' | 'apiHost'
>

/** A client whose events are recorded in memory, with helpers to read them in tests. */
export interface TestCopilotAnalytics<Events = KnownEvents> extends CopilotAnalytics<Events> {
  /** Every event that reached the destination (track and identify), oldest first. A live array: read it after acting. */
  readonly events: readonly CopilotEvent[]
  /** Every event the engine saw, with its status (sent, held, dropped) and the validator's problems. */
  readonly records: readonly EventRecord[]
  /** The in-memory destination behind `events`. */
  readonly destination: MemoryDestination
  /** Track events only, oldest first. */
  tracks(): TrackedEvent[]
  /** The first track event named `name` (in `conversationId`, when given). */
  find(name: string, query?: EventQuery): TrackedEvent | undefined
  /** Every track event named `name` (or every track event when `name` is omitted), in `conversationId` when given. */
  findAll(name?: string, query?: EventQuery): TrackedEvent[]
  /** Forgets the events and records seen so far (identity and conversation stay). */
  clear(): void
}

/**
 * A fresh client for a test: events go to memory, state is kept in memory (`storage: null`), nothing leaves
 * the process. Pass the client's options to test consent, privacy or validation; they override the defaults.
 *
 * ```ts
 * const analytics = createTestCopilotAnalytics()
 * analytics.messageSent({ body: 'Hi' })
 * expect(analytics).toHaveTrackedEvent('Message Sent', { role: 'customer' })
 * ```
 */
// biome-ignore lint/complexity/noBannedTypes: no custom events unless given, as in createCopilotAnalytics
export function createTestCopilotAnalytics<Custom extends object = {}>(
  options: TestCopilotAnalyticsOptions = {},
): TestCopilotAnalytics<KnownEvents & Custom> {
  const destination = memoryDestination()
  const records: EventRecord[] = []
  // read once, defensively: hostile options must not make a test helper throw either (the client reports them)
  let given: TestCopilotAnalyticsOptions = {}
  try {
    given = { ...options }
  } catch {}
  // this client's engine made at once, with everything it needs (the memory destination, the redaction rules):
  // an app's client imports its engine when it is created, a test reads its events right after acting
  const client = createClient<Custom>({ storage: null, ...given, destination }, (options) =>
    createEngine(options, { destination, redact }),
  )
  // records are kept from the first event on, before any listener the test adds
  client.listen((record) => void records.push(record))
  const tracks = () => trackEventsOf(destination.events)
  const findAll = (name?: string, query: EventQuery = {}) =>
    tracks().filter((event) => (name === undefined || event.event === name) && matchesQuery(event, query))
  return {
    ...client,
    events: destination.events,
    records,
    destination,
    tracks,
    findAll,
    find: (name, query) => findAll(name, query)[0],
    clear() {
      destination.clear()
      records.length = 0
    },
  }
}
