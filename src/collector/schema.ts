/**
 * The `events` table: one row per Segment call, de-duplicated on the envelope `messageId` per write key
 * (`write_key` holds the key's fingerprint, never the key). `role` and `rating` copy the spec's hot properties
 * out of the JSON (filled on write; `upgradeEventStore` adds and fills them in older files), so the queries that
 * group by them read a typed column instead of parsing every row's `properties`.
 * @internal
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
  role VARCHAR,
  rating DOUBLE,
  PRIMARY KEY (write_key, message_id)
)`

/**
 * Column order of {@link EVENTS_TABLE_SQL}, the order rows are appended in (the typed columns last, where
 * `ALTER TABLE ... ADD COLUMN` puts them in an upgraded file).
 * @internal
 */
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
  'role',
  'rating',
] as const

/** The typed copies of spec properties, and the SQL that reads each from `properties` (as `toEventRow` does). */
export const TYPED_COLUMNS = [
  {
    column: 'role',
    type: 'VARCHAR',
    fill: "CASE WHEN json_type(properties, '$.role') = 'VARCHAR' THEN nullif(properties->>'$.role', '') END",
  },
  { column: 'rating', type: 'DOUBLE', fill: "TRY_CAST(properties->>'$.rating' AS DOUBLE)" },
] as const

/** The columns every events file has had, without the typed ones (an older file lacks those). */
export const BASE_EVENT_COLUMNS = EVENT_COLUMNS.filter(
  (column) => !TYPED_COLUMNS.some((typed) => typed.column === column),
)

/** Fills the typed columns of rows written without them (an upgraded file, generated test data). */
export const FILL_TYPED_COLUMNS_SQL = `UPDATE events SET ${TYPED_COLUMNS.map(({ column, fill }) => `${column} = ${fill}`).join(', ')} WHERE properties IS NOT NULL`

/** Indexes for reading one profile's events (the Profile API, computed traits). @internal */
export const PROFILE_INDEXES_SQL = [
  'CREATE INDEX IF NOT EXISTS events_user_id ON events (user_id)',
  'CREATE INDEX IF NOT EXISTS events_anonymous_id ON events (anonymous_id)',
] as const
