import type { SpecEvent, SpecProperty, SpecPropertyType } from '../spec'

type WireType<T extends SpecPropertyType> = T extends 'string' ? string : T extends 'number' ? number : boolean

/** conversationId is filled in by the client, so a caller never has to pass it. */
type CallerRequired<P> = {
  [K in keyof P]: K extends 'conversationId' ? never : P[K] extends { readonly required: true } ? K : never
}[keyof P]

type PlanProperties<P extends Readonly<Record<string, SpecProperty>>> = {
  -readonly [K in CallerRequired<P>]: WireType<P[K]['type']>
} & { -readonly [K in Exclude<keyof P, CallerRequired<P>>]?: WireType<P[K]['type']> } & {
  // the plan is extensible like the spec: other properties are allowed
  [key: string]: unknown
}

/**
 * The `track` types of a tracking plan: event name → the properties a caller passes (required ones required,
 * each with its wire type). Pass it as the type parameter so the plan's events are typed and checked like the spec's.
 * @example createCopilotAnalytics<PlanEvents<typeof plan>>({ plan })
 */
export type PlanEvents<Plan extends Readonly<Record<string, SpecEvent>>> = {
  -readonly [E in keyof Plan]: PlanProperties<Plan[E]['properties']>
}

/**
 * Declares your own tracking plan in the shape of the spec table, keeping its literal types so that
 * {@link PlanEvents} can type `track` from it. Returns the plan unchanged; pass it as the `plan` option.
 * @example
 * const plan = defineTrackingPlan({
 *   'Stock Purchased': {
 *     description: 'The user bought a stock from a generated component.',
 *     sentBy: { core: 'track', react: 'useTrack' },
 *     properties: {
 *       ticker: { type: 'string', required: true, description: 'e.g. NVDA' },
 *       quantity: { type: 'number', required: true, description: 'Shares bought.' },
 *     },
 *   },
 * })
 * const client = createCopilotAnalytics<PlanEvents<typeof plan>>({ plan, writeKey })
 */
export function defineTrackingPlan<const Plan extends Readonly<Record<string, SpecEvent>>>(plan: Plan): Plan {
  return plan
}
