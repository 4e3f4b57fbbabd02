import type { ComputedTrait } from '../../src/collector'

/** The stocks copilot's own computed traits, beside the AI Copilot spec's (the collector computes both). */
export const STOCK_TRAITS: readonly ComputedTrait[] = [
  { name: 'stocks_viewed', kind: 'counter', event: 'Component Loaded', where: { type: 'Stock Price Chart' } },
  {
    name: 'most_viewed_stock',
    kind: 'mostFrequent',
    event: 'Component Loaded',
    property: 'symbol',
    where: { type: 'Stock Price Chart' },
  },
  { name: 'stocks_purchased', kind: 'counter', event: 'Stock Purchased' },
  { name: 'purchase_volume', kind: 'sum', event: 'Stock Purchased', property: 'total' },
]

/** The profile handed to the model, one marked line in its instructions (what a real model reads as context). */
export const PROFILE_MARKER = "USER PROFILE (computed traits from this user's events, via the Profile API): "

/** The instructions' profile line for `traits`, or nothing for a user with no profile yet. */
export function profileInstructions(traits: Record<string, unknown>): string {
  return Object.keys(traits).length === 0 ? '' : `\n${PROFILE_MARKER}${JSON.stringify(traits)}`
}
