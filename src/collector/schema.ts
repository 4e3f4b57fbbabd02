/**
 * The `events` table: one row per Segment call, de-duplicated on the envelope `messageId` per write key
 * (`write_key` holds the key's fingerprint, never the key).
 */
export const EVENTS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS events (
  message_id VARCHAR NOT NULL,
  type VARCHAR,
  event VARCHAR,
  conversation_id VARCHAR,
  chat_message_id VARCHAR,
  user_id VARCHAR,
  anonymous_id VARCHAR,
  timestamp TIMESTAMP,
  received_at TIMESTAMP,
  properties JSON,
  traits JSON,
  context JSON,
  raw JSON,
  write_key VARCHAR NOT NULL,
  valid BOOLEAN,
  problems JSON,
  PRIMARY KEY (write_key, message_id)
)`

/** Column order of {@link EVENTS_TABLE_SQL}, the order rows are inserted in. */
export const EVENT_COLUMNS = [
  'message_id',
  'type',
  'event',
  'conversation_id',
  'chat_message_id',
  'user_id',
  'anonymous_id',
  'timestamp',
  'received_at',
  'properties',
  'traits',
  'context',
  'raw',
  'write_key',
  'valid',
  'problems',
] as const

/** Indexes for reading one profile's events (the Profile API, computed traits). */
export const PROFILE_INDEXES_SQL = [
  'CREATE INDEX IF NOT EXISTS events_user_id ON events (user_id)',
  'CREATE INDEX IF NOT EXISTS events_anonymous_id ON events (anonymous_id)',
] as const
