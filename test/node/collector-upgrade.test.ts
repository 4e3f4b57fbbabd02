// Issue 18, "hold real load": the typed columns (`role`, `rating`) that the conversation list reads instead of
// parsing every row's JSON. A database file written by the previous collector (no typed columns) opens, is
// upgraded once, and answers what the previous JSON-reading query answered over the same events.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, expect, it } from 'vitest'
import { startCollector } from '../../src/collector'
import { toPlainRows } from '../../src/collector/toPlainRows'
import { writeConversations } from '../support/collectorEvents'

const dir = mkdtempSync(join(tmpdir(), 'collector-upgrade-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The previous version's `GET /api/conversations` query, which read the rating out of `properties`. */
const PREVIOUS_CONVERSATIONS_SQL = `SELECT
  conversation_id AS id, max(user_id) AS user_id, max(anonymous_id) AS anonymous_id, min(timestamp) AS started_at,
  max(timestamp) FILTER (WHERE event = 'Conversation Ended') AS ended_at,
  count(*) FILTER (WHERE event IN ('Message Sent', 'Message Received')) AS message_count,
  avg(TRY_CAST(properties->>'$.rating' AS DOUBLE)) FILTER (WHERE event = 'Feedback Submitted' AND last_rating) AS feedback_average,
  count(*) AS event_count, max(timestamp) AS last_event_at
FROM (
  SELECT *, row_number() OVER (
    PARTITION BY conversation_id, event, coalesce(chat_message_id, properties->>'$.messageId', '')
    ORDER BY timestamp DESC, received_at DESC
  ) = 1 AS last_rating
  FROM events
)
WHERE conversation_id IS NOT NULL
GROUP BY conversation_id
ORDER BY started_at DESC, id`

const COLUMNS =
  'message_id, type, event, conversation_id, chat_message_id, user_id, anonymous_id, timestamp, received_at, properties, traits, context, raw, write_key, valid, problems'

/** A previous-version file: generated conversations plus the ratings that are easy to get wrong. */
async function writePreviousFile(path: string) {
  const instance = await DuckDBInstance.create(path)
  const connection = await instance.connect()
  await writeConversations(connection, 2_000, { previous: true })
  const feedback = (id: string, at: string, properties: Record<string, unknown>, chatMessageId: string | null) =>
    connection.run(
      `INSERT INTO events (${COLUMNS}) VALUES (?, 'track', 'Feedback Submitted', 'conv-tricky', ?, NULL, 'anon-t',
        ?::TIMESTAMP, ?::TIMESTAMP, ?::JSON, NULL, NULL, '{}', 'bench', true, '[]')`,
      [id, chatMessageId, at, at, JSON.stringify({ conversationId: 'conv-tricky', ...properties })],
    )
  // a change of mind (up, then down), a rating sent as a string, a message ID only in the properties, no rating
  await feedback('t-1', '2026-10-01 10:00:00', { messageId: 'a1', rating: 1, role: 'customer' }, 'a1')
  await feedback('t-2', '2026-10-01 10:00:05', { messageId: 'a1', rating: -1 }, 'a1')
  await feedback('t-3', '2026-10-01 10:00:06', { messageId: 'a2', rating: '4' }, 'a2')
  await feedback('t-4', '2026-10-01 10:00:07', { messageId: 'a3', rating: 2, role: '' }, null)
  await feedback('t-5', '2026-10-01 10:00:08', { messageId: 'a4', rating: 'great' }, 'a4')
  const reference = toPlainRows(await connection.runAndReadAll(PREVIOUS_CONVERSATIONS_SQL))
  connection.closeSync()
  instance.closeSync()
  return reference
}

const readFile = async (path: string, sql: string) => {
  const instance = await DuckDBInstance.create(path)
  const connection = await instance.connect()
  try {
    return toPlainRows(await connection.runAndReadAll(sql))
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

it('opens a file of the previous version, adds and fills the typed columns once, and answers the same', async () => {
  const path = join(dir, 'previous.duckdb')
  const reference = await writePreviousFile(path)
  expect(reference.length).toBe(101)
  const untouched = join(dir, 'untouched.duckdb')
  copyFileSync(path, untouched)

  const first = await startCollector({ port: 0, db: path })
  try {
    const conversations = await (await fetch(`${first.url}/api/conversations`)).json()
    expect(conversations).toEqual(reference)
    expect(conversations).toContainEqual(
      expect.objectContaining({ id: 'conv-tricky', feedback_average: (-1 + 4 + 2) / 3 }),
    )
    // filled as the collector fills them on write
    expect(
      await first.collector.query(
        "SELECT message_id, role, rating FROM events WHERE conversation_id = 'conv-tricky' ORDER BY message_id",
      ),
    ).toEqual([
      { message_id: 't-1', role: 'customer', rating: 1 },
      { message_id: 't-2', role: null, rating: -1 },
      { message_id: 't-3', role: null, rating: 4 },
      { message_id: 't-4', role: null, rating: 2 },
      { message_id: 't-5', role: null, rating: null },
    ])
    const [mismatch] = await first.collector.query(
      `SELECT count(*)::INTEGER AS n FROM events
       WHERE rating IS DISTINCT FROM TRY_CAST(properties->>'$.rating' AS DOUBLE)
          OR role IS DISTINCT FROM nullif(properties->>'$.role', '')`,
    )
    expect(mismatch).toEqual({ n: 0 })
  } finally {
    await first.close()
  }

  // once: a second open leaves the columns as they are (a value changed by hand survives it)
  await readFile(path, "UPDATE events SET rating = 99 WHERE message_id = 't-1' RETURNING rating")
  const second = await startCollector({ port: 0, db: path })
  try {
    expect(await second.collector.query("SELECT rating FROM events WHERE message_id = 't-1'")).toEqual([{ rating: 99 }])
  } finally {
    await second.close()
  }

  // the events themselves are untouched by the upgrade
  const eventsSql = `SELECT ${COLUMNS} FROM events ORDER BY write_key, message_id`
  expect(await readFile(path, eventsSql)).toEqual(await readFile(untouched, eventsSql))
})

it('new events get the typed columns on write, through the HTTP API', async () => {
  const running = await startCollector({ port: 0, db: join(dir, 'fresh.duckdb') })
  try {
    const call = (messageId: string, event: string, properties: Record<string, unknown>) => ({
      type: 'track',
      event,
      properties: { conversationId: 'c-new', ...properties },
      anonymousId: 'anon-new',
      messageId,
    })
    const response = await fetch(`${running.apiHost}/b`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({
        batch: [
          call('n-1', 'Message Received', { messageId: 'a1', message_body: 'hi', role: 'agent' }),
          call('n-2', 'Feedback Submitted', { messageId: 'a1', rating: 1 }),
          call('n-3', 'Feedback Submitted', { messageId: 'a1', rating: '-1' }),
        ],
      }),
    })
    expect(await response.json()).toMatchObject({ stored: 3, rejected: [] })
    expect(await running.collector.query('SELECT message_id, role, rating FROM events ORDER BY message_id')).toEqual([
      { message_id: 'n-1', role: 'agent', rating: null },
      { message_id: 'n-2', role: null, rating: 1 },
      { message_id: 'n-3', role: null, rating: -1 },
    ])
  } finally {
    await running.close()
  }
})
