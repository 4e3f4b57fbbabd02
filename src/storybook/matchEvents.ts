import { shorten } from '../shared/shorten'
import { partialMatch, pickExpectedShape } from '../testing/partialMatch'
import type { StoryEvent } from './StoryEvent'

/**
 * One expected event: its name (`identify` for identify calls), or the name and the properties it must include
 * (for identify: its traits, `userId` and `anonymousId`).
 */
export type ExpectedStoryEvent = string | readonly [name: string, properties: Record<string, unknown>]

/** Options of `expectEvents`. */
export interface ExpectEventsOptions {
  /**
   * `true`: the sent events must be exactly these, in this order (identify included). By default they must appear
   * in this order with others allowed before, between and after them, like `toHaveTrackedEvents`.
   */
  exact?: boolean
  /** How long to wait for the events, in ms. @default 3000 */
  timeout?: number
  /** Also fail when the spec validator found a problem in a sent event. @default true */
  valid?: boolean
}

/** The outcome of matching: pass, or a readable failure. */
export interface MatchResult {
  readonly pass: boolean
  readonly message: string
}

const isAsymmetric = (value: unknown): value is { asymmetricMatch(actual: unknown): boolean } =>
  typeof (value as { asymmetricMatch?: unknown } | null)?.asymmetricMatch === 'function'

// properties are JSON-safe once the pipeline sanitised them, so leaves are primitives; matchers such as
// expect.any(String) bring their own asymmetricMatch
const equals = (actual: unknown, expected: unknown): boolean => {
  if (isAsymmetric(expected)) return expected.asymmetricMatch(actual)
  if (Object.is(actual, expected)) return true
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) return false
  return partialMatch(actual, expected, equals) && partialMatch(expected, actual, equals)
}

const MAX_VALUE_LENGTH = 60

const show = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) => {
    if (isAsymmetric(item)) return String(item)
    // the ellipsis comes after MAX_VALUE_LENGTH characters
    return typeof item === 'string' ? shorten(item, MAX_VALUE_LENGTH + 1) : item
  }) ?? String(value)

const normalise = (step: ExpectedStoryEvent): [string, Record<string, unknown> | undefined] =>
  typeof step === 'string' ? [step, undefined] : [step[0], step[1]]

/** What a step's properties are matched against: track properties, or identify traits with the identity. */
const payloadOf = (event: StoryEvent): Record<string, unknown> =>
  event.type === 'identify'
    ? { ...event.properties, userId: event.userId, anonymousId: event.anonymousId }
    : event.properties

const stepMatches = (event: StoryEvent, step: ExpectedStoryEvent): boolean => {
  const [name, properties] = normalise(step)
  return event.name === name && (properties === undefined || partialMatch(payloadOf(event), properties, equals))
}

const describeStep = (step: ExpectedStoryEvent): string => {
  const [name, properties] = normalise(step)
  return properties === undefined ? `"${name}"` : `"${name}" with ${show(properties)}`
}

/** One line per event, long values shortened: easier to scan than a dump. */
export function describeEvents(events: readonly StoryEvent[]): string {
  if (events.length === 0) return 'No events were sent.'
  const lines = events.map((event, index) => `  ${index + 1}. ${event.name} ${show(event.properties)}`)
  return `Sent ${events.length} event${events.length === 1 ? '' : 's'}:\n${lines.join('\n')}`
}

/** Where the closest event of the missing step's name differs from what was expected. */
const difference = (events: readonly StoryEvent[], step: ExpectedStoryEvent | undefined): string => {
  if (step === undefined) return ''
  const [name, properties] = normalise(step)
  const closest = events.find((event) => event.name === name)
  if (!closest || properties === undefined) return ''
  const payload = payloadOf(closest)
  const actual = pickExpectedShape(payload, properties) as Record<string, unknown>
  const lines = Object.keys(properties)
    .filter((key) => !partialMatch(payload[key], properties[key], equals))
    .map(
      (key) =>
        `  ${key}: expected ${show(properties[key])}, received ${key in actual ? show(actual[key]) : '(missing)'}`,
    )
  return lines.length ? `\n\nThe first "${name}" (#${closest.index}) differs:\n${lines.join('\n')}` : ''
}

/**
 * Matches the sent events against `expected` with the testing matchers' partial matching (extra properties are
 * fine, nested objects match by their keys, asymmetric matchers work). Pure: `expectEvents` polls it.
 */
export function matchEvents(
  all: readonly StoryEvent[],
  expected: readonly ExpectedStoryEvent[],
  options: Pick<ExpectEventsOptions, 'exact' | 'valid'> = {},
): MatchResult {
  const sent = all.filter((event) => event.status === 'sent')
  const sequence = expected.map((step, index) => `  ${index + 1}. ${describeStep(step)}`).join('\n')
  let matched = 0
  if (options.exact) {
    while (
      matched < expected.length &&
      sent[matched] &&
      stepMatches(sent[matched] as StoryEvent, expected[matched] as ExpectedStoryEvent)
    )
      matched += 1
    if (matched < expected.length || sent.length !== expected.length) {
      const missing = expected[matched]
      const why =
        matched < expected.length
          ? `event ${matched + 1} should be ${describeStep(missing as ExpectedStoryEvent)}`
          : `${sent.length - expected.length} more event${sent.length - expected.length === 1 ? '' : 's'} than expected`
      return {
        pass: false,
        message: `expectEvents: expected exactly these events:\n${sequence}\n\nbut ${why}.${difference(sent, missing)}\n\n${describeEvents(sent)}`,
      }
    }
  } else {
    // greedy earliest match finds an in-order subsequence whenever one exists
    for (const event of sent) {
      const step = expected[matched]
      if (step !== undefined && stepMatches(event, step)) matched += 1
    }
    if (matched < expected.length) {
      const missing = expected[matched] as ExpectedStoryEvent
      return {
        pass: false,
        message:
          `expectEvents: expected these events in this order (others may come between):\n${sequence}\n\n` +
          `Matched ${matched} of ${expected.length}; step ${matched + 1} (${describeStep(missing)}) was not found` +
          `${matched > 0 ? ` after step ${matched}` : ''}.${difference(sent, missing)}\n\n${describeEvents(sent)}`,
      }
    }
  }
  if (options.valid !== false) {
    const problems = sent.flatMap((event) =>
      event.problems.map((problem) => `  ${event.index}. ${event.name}.${problem.field}: ${problem.message}`),
    )
    if (problems.length) {
      return {
        pass: false,
        message: `expectEvents: the events arrived, but the spec validator found problems:\n${problems.join('\n')}\n\n${describeEvents(sent)}`,
      }
    }
  }
  return { pass: true, message: `expectEvents: ${expected.length} of ${sent.length} sent events matched` }
}
