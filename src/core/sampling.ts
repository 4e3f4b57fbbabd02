import { IDENTIFY_RULE, ruleOf } from '../spec/rules'
import type { Reporter } from './reporter'
import type { SampleRates, Sampler } from './types'

/**
 * Whether `event` is never sampled: the conversation's lifecycle (`lifecycle` in the spec's rules) and identify.
 * Dropping any of them would break funnels, message counts and the join between anonymous and known users, so a
 * rate for them is refused.
 */
const neverSampled = (event: string): boolean =>
  ruleOf(event)?.lifecycle === true ||
  // identify as the kit names it, or as Segment types it
  (IDENTIFY_RULE.lifecycle && (event === IDENTIFY_RULE.name || event === 'identify'))

/**
 * Builds the sampler for the `sample` option. Rates for lifecycle events and invalid rates are reported
 * once here and ignored (those events are all sent). Returns undefined when nothing is sampled.
 * @param random a source of numbers in [0, 1); Math.random unless given
 */
export function createSampler(
  rates: SampleRates | undefined,
  reporter: Reporter,
  random: () => number = Math.random,
): Sampler | undefined {
  if (rates === undefined) return undefined
  if (typeof rates !== 'object' || rates === null) {
    reporter.report('createCopilotAnalytics', 'sample', 'not sampled')
    return undefined
  }
  const accepted = new Map<string, number>()
  for (const [event, rate] of Object.entries(rates)) {
    if (rate === undefined) continue
    if (neverSampled(event)) {
      reporter.report(event, 'sample', 'never sampled')
    } else if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
      reporter.report(event, 'sample', 'bad rate', rate)
    } else if (rate < 1) {
      accepted.set(event, rate)
    }
  }
  if (accepted.size === 0) return undefined
  return (event) => {
    if (event.type !== 'track') return 1
    const rate = accepted.get(event.event)
    if (rate === undefined) return 1
    return random() < rate ? rate : null
  }
}
