import { type EventQuery, type EventSource, isEventSource, type TrackedEvent, trackEventsOf } from './events'
import { partialMatch, pickExpectedShape } from './partialMatch'

/** One step of {@link CopilotMatchers.toHaveTrackedEvents}: an event name, or a name with properties to match. */
export type ExpectedEvent = string | { event: string; properties?: Record<string, unknown> }

/** The matchers' types, for `declare module` augmentation (Vitest: done by `copilot-analytics/testing/vitest`). */
export interface CopilotMatchers<R = unknown> {
  /**
   * Passes when an event named `name` was tracked whose properties contain `properties` (a partial, deep
   * match: extra properties are fine, asymmetric matchers such as `expect.any(String)` work).
   */
  toHaveTrackedEvent(name: string, properties?: Record<string, unknown>, query?: EventQuery): R
  /**
   * Passes when these events were tracked in this order. Other events may come before, between and after
   * them (an in-order subsequence), so a test names only the events it cares about.
   */
  toHaveTrackedEvents(expected: readonly ExpectedEvent[]): R
}

/** The part of the runner's matcher context we use; Vitest's and Jest's both provide it. */
interface MatcherContext {
  isNot: boolean
  equals(actual: unknown, expected: unknown): boolean
  utils: {
    matcherHint(name: string, received?: string, expected?: string, options?: Record<string, unknown>): string
    printExpected(value: unknown): string
    printReceived(value: unknown): string
    diff(expected: unknown, actual: unknown, options?: Record<string, unknown>): string | null | undefined
  }
}

interface MatcherResult {
  pass: boolean
  message(): string
}

const MAX_VALUE_LENGTH = 60

/** One line per event: easier to scan than a dump, long message bodies shortened. */
const describeEvents = (events: readonly TrackedEvent[]): string => {
  if (events.length === 0) return 'No track events were recorded.'
  const lines = events.map((event, index) => {
    const properties = JSON.stringify(event.properties, (_key, value: unknown) =>
      typeof value === 'string' && value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH)}…` : value,
    )
    return `  ${index + 1}. ${event.event} ${properties}`
  })
  return `Received ${events.length} track event${events.length === 1 ? '' : 's'}:\n${lines.join('\n')}`
}

const notAnEventSource = (context: MatcherContext, name: string, received: unknown): MatcherResult => ({
  pass: false,
  message: () =>
    `${context.utils.matcherHint(name)}\n\nExpected a test client (createTestCopilotAnalytics), a memory destination ` +
    `or an array of events, received ${context.utils.printReceived(received)}`,
})

const normalise = (step: ExpectedEvent): { event: string; properties?: Record<string, unknown> } =>
  typeof step === 'string' ? { event: step } : step

const stepMatches = (context: MatcherContext, event: TrackedEvent, step: ExpectedEvent): boolean => {
  const { event: name, properties } = normalise(step)
  return (
    event.event === name &&
    (properties === undefined || partialMatch(event.properties, properties, (a, b) => context.equals(a, b)))
  )
}

const describeStep = (context: MatcherContext, step: ExpectedEvent): string => {
  const { event, properties } = normalise(step)
  return properties === undefined ? `"${event}"` : `"${event}" with ${context.utils.printExpected(properties)}`
}

function toHaveTrackedEvent(
  this: MatcherContext,
  received: unknown,
  name: string,
  properties?: Record<string, unknown>,
  query: EventQuery = {},
): MatcherResult {
  const hint = 'toHaveTrackedEvent'
  if (!isEventSource(received)) return notAnEventSource(this, hint, received)
  const events = trackEventsOf(received)
  const inScope = events.filter(
    (event) => query.conversationId === undefined || event.properties.conversationId === query.conversationId,
  )
  const step = properties === undefined ? name : { event: name, properties }
  const match = inScope.find((event) => stepMatches(this, event, step))
  const where = query.conversationId === undefined ? '' : ` in conversation "${query.conversationId}"`
  if (match) {
    return {
      pass: true,
      message: () =>
        `${this.utils.matcherHint(`.not.${hint}`)}\n\nExpected no ${describeStep(this, step)}${where}, ` +
        `but event #${events.indexOf(match) + 1} matches.\n\n${describeEvents(events)}`,
    }
  }
  return {
    pass: false,
    message: () => {
      const sameName = inScope.filter((event) => event.event === name)
      const closest = sameName[0]
      const diff =
        closest && properties !== undefined
          ? `\n\nDifference from the first "${name}"${where} (- expected, + received):\n${this.utils.diff(
              properties,
              pickExpectedShape(closest.properties, properties),
            )}`
          : ''
      const found =
        sameName.length === 0
          ? `no "${name}" event${where} was tracked`
          : `${sameName.length} "${name}" event${sameName.length === 1 ? '' : 's'}${where}, none matching`
      return `${this.utils.matcherHint(hint)}\n\nExpected ${describeStep(this, step)}${where}: ${found}.${diff}\n\n${describeEvents(events)}`
    },
  }
}

function toHaveTrackedEvents(
  this: MatcherContext,
  received: unknown,
  expected: readonly ExpectedEvent[],
): MatcherResult {
  const hint = 'toHaveTrackedEvents'
  if (!isEventSource(received)) return notAnEventSource(this, hint, received)
  const events = trackEventsOf(received)
  // greedy earliest match finds an in-order subsequence whenever one exists
  let next = 0
  for (const event of events) {
    const step = expected[next]
    if (step !== undefined && stepMatches(this, event, step)) next += 1
  }
  const pass = next === expected.length
  const names = expected.map((step) => normalise(step).event)
  const sequence = expected.map((step, index) => `  ${index + 1}. ${describeStep(this, step)}`).join('\n')
  if (pass) {
    return {
      pass,
      message: () =>
        `${this.utils.matcherHint(`.not.${hint}`)}\n\nExpected these events not to be tracked in this order, but they were:\n${sequence}\n\n${describeEvents(events)}`,
    }
  }
  return {
    pass,
    message: () => {
      const missing = expected[next]
      const diff = this.utils.diff(
        names,
        events.map((event) => event.event),
      )
      return (
        `${this.utils.matcherHint(hint)}\n\nExpected these events in this order (others may come between):\n${sequence}\n\n` +
        `Matched ${next} of ${expected.length}; step ${next + 1} (${missing ? describeStep(this, missing) : ''}) ` +
        `was not found${next > 0 ? ` after step ${next}` : ''}.\n\n${describeEvents(events)}\n\n` +
        `Event names (- expected, + received):\n${diff}`
      )
    },
  }
}

/**
 * Event matchers for Vitest and Jest: `expect.extend(copilotMatchers)`, then
 * `expect(analytics).toHaveTrackedEvent('Message Sent', { role: 'customer' })` and
 * `expect(analytics).toHaveTrackedEvents(['Conversation Started', 'Message Sent'])`.
 * They accept a test client, a memory destination, or an array of events or event records.
 */
export const copilotMatchers = {
  toHaveTrackedEvent,
  toHaveTrackedEvents,
}

export type { EventSource }
