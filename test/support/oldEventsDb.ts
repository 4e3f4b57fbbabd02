import { DuckDBInstance } from '@duckdb/node-api'

/**
 * Writes a database file the way the collector did before issue 13: `message_id` alone as the key, the write key
 * in clear (column and raw), and JSON holding lone surrogates (`\ud83d` escapes), which DuckDB's JSON functions
 * refuse. Returns what it wrote, for the assertions.
 */
export async function writeOldEventsDb(path: string) {
  const instance = await DuckDBInstance.create(path)
  const connection = await instance.connect()
  await connection.run(`CREATE TABLE events (message_id VARCHAR PRIMARY KEY, type VARCHAR, event VARCHAR,
    conversation_id VARCHAR, chat_message_id VARCHAR, user_id VARCHAR, anonymous_id VARCHAR, timestamp TIMESTAMP,
    received_at TIMESTAMP, properties JSON, traits JSON, context JSON, raw JSON, write_key VARCHAR, valid BOOLEAN,
    problems JSON)`)
  const writeKey = 'old-clear-key'
  const rows = [
    ['old-1', 'Conversation Started', { conversationId: 'c-old' }],
    [
      'old-2',
      'Message Sent',
      { conversationId: 'c-old', messageId: 'u1', message_body: 'half \ud83d', role: 'customer' },
    ],
    ['old-3', 'Message Received', { conversationId: 'c-old', messageId: 'a1', message_body: 'x\udc00', role: 'agent' }],
    ['old-4', 'Feedback Submitted', { conversationId: 'c-old', messageId: 'a1', rating: 3, 'k\udc00': 1 }],
  ] as const
  const appender = await connection.createAppender('events')
  rows.forEach(([id, event, properties], index) => {
    const raw = { type: 'track', event, writeKey, properties, messageId: id }
    const time = `2026-01-01 10:00:0${index}`
    for (const value of [id, 'track', event, 'c-old', null, 'u-old', 'anon-old', time, time]) {
      if (value === null) appender.appendNull()
      else appender.appendVarchar(value)
    }
    appender.appendVarchar(JSON.stringify(properties))
    appender.appendNull()
    appender.appendNull()
    appender.appendVarchar(JSON.stringify(raw))
    appender.appendVarchar(writeKey)
    appender.appendBoolean(true)
    appender.appendVarchar('[]')
    appender.endRow()
  })
  appender.closeSync()
  // the file really breaks DuckDB's JSON functions
  let broken = false
  await connection.runAndReadAll("SELECT properties->>'$.rating' FROM events").catch(() => {
    broken = true
  })
  connection.closeSync()
  instance.closeSync()
  if (!broken) throw new Error('the old file was expected to break JSON queries')
  return { writeKey, conversationId: 'c-old' }
}
