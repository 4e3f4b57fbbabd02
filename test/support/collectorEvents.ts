// Realistic conversations written straight into an events database, for the collector bench (100,000 and
// 1,000,000 events in seconds instead of an ingest run) and the upgrade tests: 20 events per conversation
// (started, message pairs, two components, feedback, a purchase in one conversation of five, ended).
import type { DuckDBConnection } from '@duckdb/node-api'
import { BASE_EVENT_COLUMNS, EVENTS_TABLE_SQL, FILL_TYPED_COLUMNS_SQL } from '../../src/collector/schema'

const conversationsSql = (events: number) => {
  const conversations = Math.ceil(events / 20)
  return `INSERT INTO events (${BASE_EVENT_COLUMNS.join(', ')})
  SELECT
    'gen-' || c || '-' || i AS message_id, 'track' AS type,
    CASE WHEN i = 0 THEN 'Conversation Started' WHEN i = 19 THEN 'Conversation Ended'
         WHEN i = 7 OR i = 13 THEN 'Component Loaded' WHEN i = 17 THEN 'Feedback Submitted'
         WHEN i = 15 AND c % 5 = 0 THEN 'Stock Purchased'
         WHEN i % 2 = 1 THEN 'Message Sent' ELSE 'Message Received' END AS event,
    'conv-' || c AS conversation_id, 'msg-' || c || '-' || (i // 2) AS chat_message_id,
    CASE WHEN c % 3 = 0 THEN 'user-' || (c % 5000) END AS user_id, 'anon-' || (c % 20000) AS anonymous_id,
    TIMESTAMP '2026-09-01' + INTERVAL (c * 97) SECOND + INTERVAL (i * 4) SECOND AS timestamp,
    TIMESTAMP '2026-09-01' + INTERVAL (c * 97) SECOND + INTERVAL (i * 4 + 1) SECOND AS received_at,
    json_object('conversationId', 'conv-' || c, 'messageId', 'msg-' || c || '-' || (i // 2),
      'message_body', 'What is the best stock in the Nasdaq right now? Show me a chart.',
      'role', CASE WHEN i % 2 = 1 THEN 'customer' ELSE 'agent' END,
      'component', CASE WHEN i = 7 THEN 'StockChart' WHEN i = 13 THEN 'StockList' END,
      'rating', CASE WHEN i = 17 THEN (c % 5) + 1 END,
      'message_type', CASE WHEN i = 17 THEN 'chart' END) AS properties,
    NULL AS traits, json_object('library', json_object('name', 'analytics.js')) AS context,
    json_object('type', 'track', 'messageId', 'gen-' || c || '-' || i) AS raw,
    'bench' AS write_key, true AS valid, '[]'::JSON AS problems
  FROM range(${conversations}) t(c), range(20) s(i)
  LIMIT ${events}`
}

/**
 * Creates the events table (the current one, or `previous`: the one before the typed columns, as the last version
 * wrote it, indexes included) and writes `events` rows of generated conversations.
 */
export async function writeConversations(
  connection: DuckDBConnection,
  events: number,
  { previous = false }: { previous?: boolean } = {},
): Promise<void> {
  await connection.run(previous ? PREVIOUS_EVENTS_TABLE_SQL : EVENTS_TABLE_SQL)
  if (previous) {
    await connection.run('CREATE INDEX events_user_id ON events (user_id)')
    await connection.run('CREATE INDEX events_anonymous_id ON events (anonymous_id)')
  }
  await connection.run(conversationsSql(events))
  // the typed columns, as the collector fills them on write
  if (!previous) await connection.run(FILL_TYPED_COLUMNS_SQL)
}

/** The events table of the collector before the typed columns (`role`, `rating`). */
const PREVIOUS_EVENTS_TABLE_SQL = `CREATE TABLE events (
  message_id VARCHAR NOT NULL, type VARCHAR, event VARCHAR, conversation_id VARCHAR, chat_message_id VARCHAR,
  user_id VARCHAR, anonymous_id VARCHAR, timestamp TIMESTAMP, received_at TIMESTAMP, properties JSON, traits JSON,
  context JSON, raw JSON, write_key VARCHAR NOT NULL, valid BOOLEAN, problems JSON, PRIMARY KEY (write_key, message_id)
)`
