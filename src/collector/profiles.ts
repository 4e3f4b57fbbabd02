import { type ComputedTrait, computedTraitsQuery, type ProfileIdentity, profileRowsSql } from './computedTraits'

/** Runs read-only SQL with positional parameters (the event store's `query`). */
export type ReadQuery = (sql: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>

/** An external ID as Segment writes it: `user_id:ada` or `anonymous_id:…`. */
export interface ExternalId {
  readonly type: 'user_id' | 'anonymous_id'
  readonly id: string
}

const MAX_ID = 1_000
// identity joins are followed this many hops at most (a visitor → user → another device's visitor is two)
const MAX_HOPS = 6
// a profile with more IDs than this is a bot or a shared device: stop growing it
const MAX_IDS = 500

/** Parses `user_id:ada` / `anonymous_id:…`; undefined for any other form (Segment answers 404 to a bare ID). */
export function parseExternalId(text: string): ExternalId | undefined {
  const colon = text.indexOf(':')
  if (colon < 0) return undefined
  const type = text.slice(0, colon)
  const id = text.slice(colon + 1)
  if ((type !== 'user_id' && type !== 'anonymous_id') || id.length === 0 || id.length > MAX_ID) return undefined
  return { type, id }
}

const placeholders = (values: readonly unknown[]) => (values.length === 0 ? 'NULL' : values.map(() => '?').join(', '))

/**
 * Identity resolution: the profile an external ID belongs to is every user ID and anonymous ID that Identify calls
 * joined to it (an Identify carrying both joins them), followed hop by hop. Undefined when no event has the ID.
 */
export async function resolveProfile(query: ReadQuery, external: ExternalId): Promise<ProfileIdentity | undefined> {
  const column = external.type === 'user_id' ? 'user_id' : 'anonymous_id'
  const seen = await query(`SELECT 1 AS seen FROM events WHERE ${column} = ? LIMIT 1`, [external.id])
  if (seen.length === 0) return undefined
  const userIds = new Set(external.type === 'user_id' ? [external.id] : [])
  const anonymousIds = new Set(external.type === 'anonymous_id' ? [external.id] : [])
  for (let hop = 0; hop < MAX_HOPS && userIds.size + anonymousIds.size < MAX_IDS; hop++) {
    const before = userIds.size + anonymousIds.size
    const joined = profileRowsSql(
      { userIds: [...userIds], anonymousIds: [...anonymousIds] },
      'user_id, anonymous_id',
      "type = 'identify' AND user_id IS NOT NULL AND anonymous_id IS NOT NULL",
    )
    const links = await query(
      `SELECT DISTINCT user_id, anonymous_id FROM ${joined.sql} LIMIT ${MAX_IDS}`,
      joined.params,
    )
    for (const link of links) {
      userIds.add(String(link.user_id))
      anonymousIds.add(String(link.anonymous_id))
    }
    if (userIds.size + anonymousIds.size === before) break
  }
  return { userIds: [...userIds].sort(), anonymousIds: [...anonymousIds].sort() }
}

/**
 * A profile's traits: the custom traits its Identify calls set (the latest value of each), then its computed
 * traits (a computed trait wins over a custom trait of the same name).
 */
export async function readProfileTraits(
  query: ReadQuery,
  identity: ProfileIdentity,
  traits: readonly ComputedTrait[],
  now = new Date(),
): Promise<Record<string, unknown>> {
  const rows = profileRowsSql(identity, 'traits, timestamp, received_at', "type = 'identify' AND traits IS NOT NULL")
  const identifies = await query(`SELECT traits FROM ${rows.sql} ORDER BY timestamp, received_at`, rows.params)
  const custom: Record<string, unknown> = {}
  for (const row of identifies) {
    if (row.traits && typeof row.traits === 'object' && !Array.isArray(row.traits)) Object.assign(custom, row.traits)
  }
  const computed = computedTraitsQuery(traits, identity, now)
  const [row] = await query(computed.sql, computed.params)
  return { ...custom, ...computed.read(row) }
}

/** One merged identity of a profile, shaped as Segment's `external_ids` answer lists it. */
export interface ExternalIdRecord {
  readonly id: string
  readonly type: 'user_id' | 'anonymous_id'
  readonly source_id: string
  readonly collection: 'users'
  readonly created_at: string | null
  readonly encoding: 'none'
}

/** The collector's one source, named instead of any write key (write keys are secrets and never read back). */
export const COLLECTOR_SOURCE_ID = 'copilot-analytics-collector'

/** Every ID of the profile with the time it was first seen, oldest first. */
export async function readExternalIds(query: ReadQuery, identity: ProfileIdentity): Promise<ExternalIdRecord[]> {
  const rows = await query(
    `SELECT 'user_id' AS type, user_id AS id, min(timestamp) AS created_at FROM events WHERE user_id IN (${placeholders(identity.userIds)}) GROUP BY user_id
     UNION ALL
     SELECT 'anonymous_id', anonymous_id, min(timestamp) FROM events WHERE anonymous_id IN (${placeholders(identity.anonymousIds)}) GROUP BY anonymous_id
     ORDER BY created_at, type, id`,
    [...identity.userIds, ...identity.anonymousIds],
  )
  return rows.map((row) => ({
    id: String(row.id),
    type: row.type === 'user_id' ? 'user_id' : 'anonymous_id',
    source_id: COLLECTOR_SOURCE_ID,
    collection: 'users',
    created_at: typeof row.created_at === 'string' ? row.created_at : null,
    encoding: 'none',
  }))
}

/** The profile's latest events, newest first, without the raw payload or context (they may hold secrets). */
export async function readProfileEvents(
  query: ReadQuery,
  identity: ProfileIdentity,
  limit: number,
  offset = 0,
): Promise<Record<string, unknown>[]> {
  const events = profileRowsSql(
    identity,
    'type, event, message_id, timestamp, properties, traits, user_id, anonymous_id',
  )
  const rows = await query(
    `SELECT * FROM ${events.sql} ORDER BY timestamp DESC, message_id DESC LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`,
    events.params,
  )
  return rows.map((row) => ({
    external_ids: [
      ...(row.user_id ? [{ type: 'user_id', id: row.user_id }] : []),
      ...(row.anonymous_id ? [{ type: 'anonymous_id', id: row.anonymous_id }] : []),
    ],
    type: row.type,
    ...(row.event === null ? {} : { event: row.event }),
    message_id: row.message_id,
    source_id: COLLECTOR_SOURCE_ID,
    timestamp: row.timestamp,
    properties: row.properties ?? {},
    ...(row.traits ? { traits: row.traits } : {}),
  }))
}

/** One row of the People view: a profile's main external ID, when it was last seen, and its traits. */
export interface ProfileSummary {
  readonly externalId: string
  readonly userIds: readonly string[]
  readonly anonymousIds: readonly string[]
  readonly lastSeenAt: string | null
  readonly traits: Record<string, unknown>
}

/**
 * The most recently active profiles (a known user with its joined visitors, or a visitor never joined to one),
 * newest first, with their traits.
 */
export async function listProfiles(
  query: ReadQuery,
  traits: readonly ComputedTrait[],
  limit: number,
): Promise<ProfileSummary[]> {
  const rows = await query(
    `WITH links AS (SELECT DISTINCT anonymous_id, user_id FROM events WHERE type = 'identify' AND user_id IS NOT NULL AND anonymous_id IS NOT NULL),
     owners AS (
       SELECT coalesce(e.user_id, l.user_id) AS user_id, CASE WHEN coalesce(e.user_id, l.user_id) IS NULL THEN e.anonymous_id END AS anonymous_id, max(e.timestamp) AS last_seen
       FROM events e LEFT JOIN (SELECT anonymous_id, min(user_id) AS user_id FROM links GROUP BY anonymous_id) l ON e.anonymous_id = l.anonymous_id
       WHERE e.user_id IS NOT NULL OR e.anonymous_id IS NOT NULL
       GROUP BY ALL)
     SELECT user_id, anonymous_id, last_seen FROM owners ORDER BY last_seen DESC NULLS LAST LIMIT ${Math.floor(limit)}`,
  )
  const profiles: ProfileSummary[] = []
  for (const row of rows) {
    const external: ExternalId =
      row.user_id === null
        ? { type: 'anonymous_id', id: String(row.anonymous_id) }
        : { type: 'user_id', id: String(row.user_id) }
    const identity = await resolveProfile(query, external)
    if (!identity) continue
    profiles.push({
      externalId: `${external.type}:${external.id}`,
      userIds: identity.userIds,
      anonymousIds: identity.anonymousIds,
      lastSeenAt: typeof row.last_seen === 'string' ? row.last_seen : null,
      traits: await readProfileTraits(query, identity, traits),
    })
  }
  return profiles
}
