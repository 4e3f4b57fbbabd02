import type { Reporter } from './reporter'
import type { SampleRates, Sampler } from './types'

/**
 * Events that are never sampled: conversation lifecycle and identity. Dropping any of them would break
 * funnels, message counts and the join between anonymous and known users, so a rate for them is refused.
 */
const UNSAMPLED_EVENTS: readonly string[] = [
  'Conversation Started',
  'Conversation Ended',
  'Message Sent',
  'Message Received',
  'Identify',
  'identify',
]

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
    if (UNSAMPLED_EVENTS.includes(event)) {
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
