import type { DuckDBConnection } from '@duckdb/node-api'

/**
 * The forwarder's outbox, in the events database: one row per stored event still to relay. Rows are written in
 * the same transaction as their event, deleted in the same transaction that counts them as sent, and set aside
 * (`state = 'set_aside'`) when the receiver refused them for good. Times are epoch milliseconds.
 */
export const OUTBOX_TABLES_SQL = [
  'CREATE SEQUENCE IF NOT EXISTS outbox_seq',
  `CREATE TABLE IF NOT EXISTS outbox (
    seq BIGINT DEFAULT nextval('outbox_seq'),
    message_id VARCHAR NOT NULL,
    write_key VARCHAR,
    body VARCHAR NOT NULL,
    enqueued_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    state VARCHAR NOT NULL DEFAULT 'queued',
    last_error VARCHAR
  )`,
  'CREATE TABLE IF NOT EXISTS outbox_stats (id INTEGER PRIMARY KEY, sent BIGINT NOT NULL)',
  'INSERT OR IGNORE INTO outbox_stats VALUES (1, 0)',
]

/** Creates the outbox tables if they are missing. */
export async function createOutboxTables(connection: DuckDBConnection): Promise<void> {
  for (const sql of OUTBOX_TABLES_SQL) await connection.run(sql)
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`

/**
 * Queues the events just inserted (still in the staging table `incoming`) for forwarding. Runs inside the
 * events' transaction (see `openEventStore`'s `inTransaction`), so an event is stored with its outbox row or not
 * at all. Re-sent duplicates are not queued again.
 */
export async function enqueueInserted(connection: DuckDBConnection, inserted: ReadonlySet<string>): Promise<void> {
  const staged = Number((await connection.runAndReadAll('SELECT count(*) FROM incoming')).getRowsJS()[0]?.[0] ?? 0)
  // `inserted` holds "writeKeyFingerprint\nmessageId"; usually every staged row is new, else keep only the new ones
  const pairs = [...inserted].map((key) => `(${key.split('\n').map(literal).join(', ')})`)
  const only = staged === inserted.size ? '' : `WHERE (write_key, message_id) IN (${pairs.join(', ')})`
  // the event's own write key is a secret the collector does not keep: the forwarder sends its configured key
  await connection.run(
    `INSERT INTO outbox (message_id, write_key, body, enqueued_at, next_attempt_at)
     SELECT message_id, NULL, CAST(raw AS VARCHAR), epoch_ms(received_at), epoch_ms(received_at)
     FROM incoming ${only}`,
  )
}
