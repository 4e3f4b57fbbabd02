import type { SPEC_EVENTS, SpecEventName, SpecProperty, SpecPropertyType } from './table'

type WireType<T extends SpecPropertyType> = T extends 'string' ? string : T extends 'number' ? number : boolean

type PropertiesOf<E extends SpecEventName> = (typeof SPEC_EVENTS)[E]['properties']

type CamelToSnake<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${CamelToSnake<Tail>}`
  : S
type SnakeToCamel<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<SnakeToCamel<Tail>>}`
  : S

/** The other-case spellings of the spec's property names (`conversation_id`, `messageBody`, ...): always a mistake. */
type MisspelledNames<P> = {
  [K in keyof P & string]: Exclude<CamelToSnake<K> | SnakeToCamel<K>, K>
}[keyof P & string]

/** Extra properties are allowed on every event (the spec is extensible); misspelled spec names are not. */
type Extensible<P> = P & { [K in MisspelledNames<P>]?: never } & { [key: string]: unknown }

/** Properties the client fills in itself when the caller gives none. */
type FilledByClient = 'conversationId' | 'messageId'

type CallerRequired<P> = {
  [K in keyof P]: K extends FilledByClient
    ? never
    : P[K] extends { required: true; default: string }
      ? never
      : P[K] extends { required: true }
        ? K
        : never
}[keyof P]

type Wire<P> = { -readonly [K in keyof P]: P[K] extends SpecProperty ? WireType<P[K]['type']> : never }

/** The properties of spec event `E` as they arrive on the wire (every required property present). */
export type SpecWireProperties<E extends SpecEventName> = Extensible<
  Pick<
    Wire<PropertiesOf<E>>,
    { [K in keyof PropertiesOf<E>]: PropertiesOf<E>[K] extends { required: true } ? K : never }[keyof PropertiesOf<E>]
  > &
    Partial<Wire<PropertiesOf<E>>>
>

/**
 * The properties a caller passes to `track(E, ...)` for spec event `E`: conversationId, messageId and
 * defaulted properties are filled in by the client; a misspelled or wrongly typed spec property is a type error.
 */
export type SpecTrackProperties<E extends SpecEventName> = Extensible<
  Pick<Wire<PropertiesOf<E>>, CallerRequired<PropertiesOf<E>>> & Partial<Wire<PropertiesOf<E>>>
>

/** Spec event name → the properties `track` accepts for it. */
export type SpecTrackEvents = { [E in SpecEventName]: SpecTrackProperties<E> }

/**
 * Your own tracking plan: augment this interface to type your business events with the same checks.
 * @example
 * declare module 'copilot-analytics/core' {
 *   interface CopilotCustomEvents { 'Stock Purchased': { ticker: string; quantity: number } }
 * }
 */
// biome-ignore lint/suspicious/noEmptyInterface: an interface apps augment by declaration merging
export interface CopilotCustomEvents {}

/** Every event with typed properties: the spec's and the app's own. */
export type KnownEvents = SpecTrackEvents & CopilotCustomEvents

/** Properties of any track call that is not typed (its name is in no plan). */
export type UntypedProperties = Record<string, unknown>

/** The arguments `track` takes after the event name: typed for known events, free for the rest. */
export type TrackArgs<E extends string, Events = KnownEvents> = E extends keyof Events
  ? [properties: Events[E]]
  : [properties?: UntypedProperties]
