/**
 * Computed traits: per-profile aggregates of tracked events, declared as data in the kinds Segment offers
 * (event counter, aggregation, most frequent, first, last, unique list), computed on read with one DuckDB query.
 */
import { isRecord } from '../shared/guards'

/** Property values an event must have for a computed trait to count it (compared as JSON scalars). */
export type TraitConditions = Readonly<Record<string, string | number | boolean>>

interface TraitBase {
  /** The trait's name on the profile, e.g. `conversations_started`. */
  readonly name: string
  /** The track event it is computed over, e.g. `Message Sent`. */
  readonly event: string
  /** Only events whose properties have these values. */
  readonly where?: TraitConditions
  /** Only events of the last N days. */
  readonly withinDays?: number
}

/** How many matching events the profile has. */
export interface CounterTrait extends TraitBase {
  readonly kind: 'counter'
}

/** A sum, average, minimum or maximum of a numeric property. */
export interface AggregationTrait extends TraitBase {
  readonly kind: 'sum' | 'average' | 'min' | 'max'
  /** The property aggregated (non-numeric values are skipped). */
  readonly property: string
  /**
   * Count only the latest event per value of these properties: `['conversationId', 'messageId']` makes an average
   * rating count each message's last rating once, however often the user changed their mind.
   */
  readonly latestPer?: readonly string[]
}

/** The most frequent, first, or last value of a property, or the list of its distinct values. */
export interface ValueTrait extends TraitBase {
  readonly kind: 'mostFrequent' | 'first' | 'last' | 'unique'
  /** The property read; `timestamp` reads the event's own time. */
  readonly property: string
}

/** One computed trait, declared as data (in `startCollector` options or the CLI's `--config` file). */
export type ComputedTrait = CounterTrait | AggregationTrait | ValueTrait

/** The AI Copilot spec's traits, computed for every profile unless `defaultTraits: false`. */
export const COPILOT_TRAITS: readonly ComputedTrait[] = [
  { name: 'conversations_started', kind: 'counter', event: 'Conversation Started' },
  { name: 'messages_sent', kind: 'counter', event: 'Message Sent' },
  { name: 'last_conversation_at', kind: 'last', event: 'Conversation Started', property: 'timestamp' },
  {
    name: 'average_feedback_rating',
    kind: 'average',
    event: 'Feedback Submitted',
    property: 'rating',
    latestPer: ['conversationId', 'messageId'],
  },
  { name: 'most_used_component_type', kind: 'mostFrequent', event: 'Component Loaded', property: 'type' },
  { name: 'components_seen', kind: 'unique', event: 'Component Loaded', property: 'type' },
  { name: 'media_generated', kind: 'counter', event: 'Media Generated' },
]

const KINDS = new Set(['counter', 'sum', 'average', 'min', 'max', 'mostFrequent', 'first', 'last', 'unique'])
const AGGREGATIONS = new Set(['sum', 'average', 'min', 'max'])
const MAX_NAME = 200
const MAX_TRAITS = 200

const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_NAME

/** One declaration checked: the trait, or a sentence naming the trait and the field that is wrong. */
const checkTrait = (item: unknown, at: string, names: ReadonlySet<string>): ComputedTrait | string => {
  if (!isRecord(item)) return `${at}: expected an object`
  const { name, kind, event, property, where, withinDays, latestPer } = item
  if (!isText(name)) return `${at}.name: expected a non-empty string`
  const label = `computed trait "${name}"`
  if (names.has(name)) return `${label}: declared twice`
  if (typeof kind !== 'string' || !KINDS.has(kind)) return `${label}.kind: expected one of ${[...KINDS].join(', ')}`
  if (!isText(event)) return `${label}.event: expected an event name`
  if (kind !== 'counter' && !isText(property)) return `${label}.property: expected a property name`
  const scalar = ([key, value]: [string, unknown]) =>
    isText(key) && (typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value))
  if (where !== undefined && !(isRecord(where) && Object.entries(where).every(scalar)))
    return `${label}.where: expected { property: string | number | boolean }`
  if (withinDays !== undefined && !(typeof withinDays === 'number' && withinDays > 0 && withinDays <= 36_500))
    return `${label}.withinDays: expected a number of days between 0 and 36500`
  if (latestPer !== undefined && !(Array.isArray(latestPer) && latestPer.length > 0 && latestPer.every(isText)))
    return `${label}.latestPer: expected a list of property names`
  if (latestPer !== undefined && !AGGREGATIONS.has(kind))
    return `${label}.latestPer: only sum, average, min and max take it`
  return {
    name,
    kind,
    event,
    ...(kind === 'counter' ? {} : { property }),
    ...(where === undefined ? {} : { where }),
    ...(withinDays === undefined ? {} : { withinDays }),
    ...(latestPer === undefined ? {} : { latestPer }),
  } as ComputedTrait
}

/**
 * Checks trait declarations read from a config file or passed by an app: the valid ones, and one sentence per
 * invalid one naming the trait and the field (an invalid declaration is skipped, never fatal).
 */
export function parseComputedTraits(input: unknown): { traits: ComputedTrait[]; problems: string[] } {
  const traits: ComputedTrait[] = []
  const problems: string[] = []
  if (!Array.isArray(input)) return { traits, problems: ['computedTraits: expected an array of trait declarations'] }
  const names = new Set<string>()
  for (const [index, item] of input.slice(0, MAX_TRAITS).entries()) {
    const checked = checkTrait(item, `computedTraits[${index}]`, names)
    if (typeof checked === 'string') problems.push(checked)
    else {
      names.add(checked.name)
      traits.push(checked)
    }
  }
  if (input.length > MAX_TRAITS) problems.push(`computedTraits: only the first ${MAX_TRAITS} are used`)
  return { traits, problems }
}

/** A JSON path to a top-level property, quoted so any name is safe. */
const pathOf = (property: string) => `$.${JSON.stringify(property)}`

/** A SQL fragment and its positional parameters, in the order they appear. */
interface Fragment {
  readonly sql: string
  readonly params: readonly unknown[]
}

const join = (parts: readonly Fragment[], separator: string): Fragment => ({
  sql: parts.map((part) => part.sql).join(separator),
  params: parts.flatMap((part) => part.params),
})

/** The property's value as JSON text (so numbers, strings and booleans keep their type), or the event's time. */
const propertyValue = (property: string): Fragment =>
  property === 'timestamp'
    ? { sql: `strftime(timestamp, '"%Y-%m-%dT%H:%M:%S.%gZ"')`, params: [] }
    : { sql: 'json_extract(properties, ?)::VARCHAR', params: [pathOf(property)] }

const filterOf = (trait: ComputedTrait, now: Date): Fragment => {
  const parts: Fragment[] = [{ sql: 'event = ?', params: [trait.event] }]
  for (const [property, expected] of Object.entries(trait.where ?? {}))
    parts.push({
      sql: 'json_extract(properties, ?)::VARCHAR = ?',
      params: [pathOf(property), JSON.stringify(expected)],
    })
  if (trait.withinDays !== undefined) {
    const since = new Date(now.getTime() - trait.withinDays * 86_400_000)
    parts.push({
      sql: 'timestamp >= CAST(? AS TIMESTAMP)',
      params: [since.toISOString().replace('T', ' ').slice(0, 23)],
    })
  }
  return join(parts, ' AND ')
}

const AGGREGATE_SQL = { sum: 'sum', average: 'avg', min: 'min', max: 'max' } as const

/** One trait as a scalar subquery over the profile's events (`p`). */
const subqueryOf = (trait: ComputedTrait, now: Date): Fragment => {
  const where = filterOf(trait, now)
  if (trait.kind === 'counter') return { sql: `(SELECT count(*) FROM p WHERE ${where.sql})`, params: where.params }
  const value = propertyValue(trait.property)
  if (trait.kind === 'sum' || trait.kind === 'average' || trait.kind === 'min' || trait.kind === 'max') {
    const number = `TRY_CAST(json_extract_string(properties, ?) AS DOUBLE)`
    const fn = AGGREGATE_SQL[trait.kind]
    if (!trait.latestPer)
      return {
        sql: `(SELECT ${fn}(${number}) FROM p WHERE ${where.sql})`,
        params: [pathOf(trait.property), ...where.params],
      }
    const keys = trait.latestPer.map(() => 'json_extract(properties, ?)::VARCHAR').join(', ')
    return {
      sql: `(SELECT ${fn}(v) FROM (SELECT arg_max(${number}, timestamp) AS v FROM p WHERE ${where.sql} GROUP BY ${keys}))`,
      params: [pathOf(trait.property), ...where.params, ...trait.latestPer.map(pathOf)],
    }
  }
  const select = (rest: string): Fragment => ({
    sql: `(SELECT v FROM (SELECT ${value.sql} AS v, timestamp FROM p WHERE ${where.sql}) WHERE v IS NOT NULL ${rest})`,
    params: [...value.params, ...where.params],
  })
  if (trait.kind === 'first') return select('ORDER BY timestamp ASC LIMIT 1')
  if (trait.kind === 'last') return select('ORDER BY timestamp DESC LIMIT 1')
  if (trait.kind === 'mostFrequent') return select('GROUP BY v ORDER BY count(*) DESC, max(timestamp) DESC LIMIT 1')
  return {
    sql: `(SELECT list(v ORDER BY v) FROM (SELECT DISTINCT ${value.sql} AS v FROM p WHERE ${where.sql}) WHERE v IS NOT NULL)`,
    params: [...value.params, ...where.params],
  }
}

/** Who a profile is: every user ID and anonymous ID an Identify joined. */
export interface ProfileIdentity {
  readonly userIds: readonly string[]
  readonly anonymousIds: readonly string[]
}

// the columns a profile read may use; fetched by ID first so the filter on them cannot defeat the index
const PROFILE_COLUMNS = 'type, event, message_id, timestamp, received_at, properties, traits, user_id, anonymous_id'

/**
 * The rows of one profile's events: its user IDs' rows, then its anonymous IDs' rows that carry none of them.
 * Each arm is a single-column `IN`, materialised before `where` applies: DuckDB then answers both from their
 * indexes (a pushed-down filter on another column, or one `OR`, would turn them into full scans).
 */
export const profileRowsSql = (identity: ProfileIdentity, columns: string, where = 'TRUE'): Fragment => {
  const list = (ids: readonly string[]) => ids.map(() => '?').join(', ')
  // an empty arm reads nothing (an `IN (NULL)` would scan the whole table)
  const arm = (column: string, ids: readonly string[]) =>
    `SELECT ${PROFILE_COLUMNS} FROM events WHERE ${ids.length === 0 ? 'FALSE' : `${column} IN (${list(ids)})`}`
  const known = identity.userIds.length > 0
  return {
    sql: `(WITH pu AS MATERIALIZED (${arm('user_id', identity.userIds)}),
      pa AS MATERIALIZED (${arm('anonymous_id', identity.anonymousIds)})
      SELECT ${columns} FROM pu WHERE ${where}
      UNION ALL SELECT ${columns} FROM pa WHERE ${known ? `(user_id IS NULL OR user_id NOT IN (${list(identity.userIds)})) AND ` : ''}${where})`,
    params: [...identity.userIds, ...identity.anonymousIds, ...(known ? identity.userIds : [])],
  }
}

/** The events of one profile, as a CTE named `p`. */
const profileEventsSql = (identity: ProfileIdentity): Fragment => {
  const rows = profileRowsSql(identity, 'event, properties, timestamp', "type = 'track'")
  return { sql: `WITH p AS MATERIALIZED (SELECT * FROM ${rows.sql})`, params: rows.params }
}

/**
 * One query that computes every trait of one profile: its SQL and parameters, and how to read its single row
 * back into trait values (`t0`, `t1`, … in the order of `traits`).
 */
export function computedTraitsQuery(
  traits: readonly ComputedTrait[],
  identity: ProfileIdentity,
  now = new Date(),
): { sql: string; params: unknown[]; read(row: Record<string, unknown> | undefined): Record<string, unknown> } {
  const events = profileEventsSql(identity)
  const columns = traits.map((trait, index) => {
    const sub = subqueryOf(trait, now)
    return { sql: `${sub.sql} AS t${index}`, params: sub.params }
  })
  const select = join(columns.length > 0 ? columns : [{ sql: '1 AS none', params: [] }], ', ')
  return {
    sql: `${events.sql} SELECT ${select.sql}`,
    params: [...events.params, ...select.params],
    read(row) {
      const values: Record<string, unknown> = {}
      traits.forEach((trait, index) => {
        values[trait.name] = readValue(trait, row?.[`t${index}`])
      })
      return values
    },
  }
}

const parseJsonText = (value: unknown): unknown => {
  if (typeof value !== 'string') return value ?? null
  try {
    return JSON.parse(value)
  } catch {
    return value
  }
}

const readValue = (trait: ComputedTrait, value: unknown): unknown => {
  if (trait.kind === 'counter') return Number(value ?? 0)
  if (trait.kind === 'unique') return Array.isArray(value) ? value.map(parseJsonText) : []
  if (trait.kind === 'sum') return value === null || value === undefined ? 0 : Number(value)
  if (trait.kind === 'average' || trait.kind === 'min' || trait.kind === 'max')
    return value === null || value === undefined ? null : Number(value)
  return parseJsonText(value)
}
