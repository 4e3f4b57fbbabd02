/// <reference types="node" />
import type { ServerResponse } from 'node:http'
import { sendJson } from './http'
import type { EventStore } from './openEventStore'

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 10_000
const DEFAULT_CONVERSATIONS = 1_000
const MAX_CONVERSATIONS = 100_000

/** `?limit=` as a whole number from 1 to `max`, else `fallback`. */
const limitOf = (url: URL, fallback: number, max: number) => {
  const requested = Number(url.searchParams.get('limit') ?? fallback)
  return Number.isInteger(requested) && requested > 0 ? Math.min(requested, max) : fallback
}

/**
 * One row per conversation, the newest `?` (by start): who, when it started and ended, how many messages, the
 * feedback average (of the last rating per message). The conversations are aggregated first and only their
 * feedback rows ranked, so no row of the table is carried through a window function, and the rating is read from
 * its typed column.
 * @internal
 */
export const CONVERSATIONS_SQL = `WITH conversations AS (
  SELECT
    conversation_id,
    max(user_id) AS user_id,
    max(anonymous_id) AS anonymous_id,
    min(timestamp) AS started_at,
    max(timestamp) FILTER (WHERE event = 'Conversation Ended') AS ended_at,
    count(*) FILTER (WHERE event IN ('Message Sent', 'Message Received')) AS message_count,
    count(*) AS event_count,
    max(timestamp) AS last_event_at
  FROM events WHERE conversation_id IS NOT NULL GROUP BY conversation_id
  ORDER BY started_at DESC, conversation_id LIMIT ?
), last_ratings AS (
  -- a user may change their mind: only the last rating per (conversation, message) counts
  SELECT conversation_id, rating FROM events
  WHERE event = 'Feedback Submitted' AND conversation_id IN (SELECT conversation_id FROM conversations)
  QUALIFY row_number() OVER (
    PARTITION BY conversation_id, coalesce(chat_message_id, properties->>'$.messageId', '')
    ORDER BY timestamp DESC, received_at DESC
  ) = 1
), feedback AS (
  SELECT conversation_id, avg(rating) AS feedback_average FROM last_ratings GROUP BY conversation_id
)
SELECT conversation_id AS id, user_id, anonymous_id, started_at, ended_at, message_count, feedback_average,
  event_count, last_event_at
FROM conversations LEFT JOIN feedback USING (conversation_id)
ORDER BY started_at DESC, id`

/**
 * `GET /api/events?conversationId=&event=&userId=&type=&limit=`: the newest `limit` matching events (default 100),
 * returned oldest first so the newest is last.
 */
export async function handleEvents(url: URL, res: ServerResponse, store: EventStore): Promise<void> {
  const filters: string[] = []
  const params: unknown[] = []
  for (const [param, column] of [
    ['conversationId', 'conversation_id'],
    ['event', 'event'],
    ['userId', 'user_id'],
    ['type', 'type'],
  ] as const) {
    const value = url.searchParams.get(param)
    if (value) {
      params.push(value)
      filters.push(`${column} = ?`)
    }
  }
  const limit = limitOf(url, DEFAULT_LIMIT, MAX_LIMIT)
  const where = filters.length > 0 ? `WHERE ${filters.join(' AND ')}` : ''
  const rows = await store.query(
    `SELECT * EXCLUDE (seq) FROM (SELECT *, rowid AS seq FROM events ${where} ORDER BY received_at DESC, seq DESC LIMIT ${limit}) ORDER BY received_at, seq`,
    params,
  )
  sendJson(res, 200, rows)
}

/** `GET /api/conversations?limit=`: {@link CONVERSATIONS_SQL}, the newest 1,000 conversations by default. */
export async function handleConversations(url: URL, res: ServerResponse, store: EventStore): Promise<void> {
  sendJson(res, 200, await store.query(CONVERSATIONS_SQL, [limitOf(url, DEFAULT_CONVERSATIONS, MAX_CONVERSATIONS)]))
}

/** `GET /api/health`: up, and how many events are stored. */
export async function handleHealth(
  res: ServerResponse,
  store: EventStore,
  db: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const [row] = await store.query('SELECT count(*) AS events, count(*) FILTER (WHERE NOT valid) AS invalid FROM events')
  sendJson(res, 200, { ok: true, db, events: row?.events ?? 0, invalid: row?.invalid ?? 0, ...extra })
}

/**
 * `GET /v1/projects/:writeKey/settings`: the settings analytics-next would fetch from Segment's CDN, pointing the
 * Segment.io destination (and its metrics) back at this collector, so `cdnURL` set to the collector works.
 */
export function handleSettings(res: ServerResponse, writeKey: string, host: string): void {
  const apiHost = `${host}/v1`
  sendJson(res, 200, {
    integrations: {
      'Segment.io': {
        apiKey: writeKey,
        apiHost,
        protocol: 'http',
        unbundledIntegrations: [],
        addBundledMetadata: false,
      },
    },
    plan: {
      track: { __default: { enabled: true, integrations: {} } },
      identify: { __default: { enabled: true } },
      group: { __default: { enabled: true } },
    },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    metrics: { sampleRate: 0, host: apiHost, protocol: 'http' },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  })
}
