import type { DuckDBConnection } from '@duckdb/node-api'
import { BASE_EVENT_COLUMNS, EVENTS_TABLE_SQL, FILL_TYPED_COLUMNS_SQL, TYPED_COLUMNS } from './schema'
import { wellFormed } from './wellFormed'

const JSON_COLUMNS = ['properties', 'traits', 'context', 'raw', 'problems'] as const

/**
 * Brings a database file written by an earlier collector up to date, once, when it is opened (a file that has
 * the typed columns is current, and costs one catalog query):
 * - de-duplication per write key: the primary key becomes (write_key, message_id), the stored keys become their
 *   fingerprints and the `writeKey` copied into `raw` is dropped;
 * - JSON values holding a lone surrogate (which DuckDB's JSON functions refuse, failing every query over the
 *   row) are rewritten with U+FFFD in its place;
 * - the typed columns (`role`, `rating`) are added and filled from `properties`.
 */
export async function upgradeEventStore(db: DuckDBConnection): Promise<void> {
  const key = await db.runAndReadAll(
    "SELECT constraint_column_names AS columns FROM duckdb_constraints() WHERE table_name = 'events' AND constraint_type = 'PRIMARY KEY'",
  )
  const columns = key.getRowObjectsJS()[0]?.columns
  const rebuilt = Array.isArray(columns) && columns.length === 1
  if (rebuilt) await scopeByWriteKey(db)
  const present = await db.runAndReadAll(
    "SELECT column_name FROM duckdb_columns() WHERE table_name = 'events' AND schema_name = 'main' AND database_name = current_database()",
  )
  const names = new Set(present.getRowsJS().map(([name]) => String(name)))
  const missing = TYPED_COLUMNS.filter(({ column }) => !names.has(column))
  if (!rebuilt && missing.length === 0) return
  // written before the typed columns: lone surrogates first, as filling them reads the JSON
  await repairLoneSurrogates(db)
  await db.run('BEGIN TRANSACTION')
  try {
    for (const { column, type } of missing) await db.run(`ALTER TABLE events ADD COLUMN ${column} ${type}`)
    await db.run(FILL_TYPED_COLUMNS_SQL)
    await db.run('COMMIT')
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined)
    throw error
  }
}

async function scopeByWriteKey(db: DuckDBConnection): Promise<void> {
  const select = BASE_EVENT_COLUMNS.map((column) =>
    column === 'write_key'
      ? "CASE WHEN coalesce(write_key, '') = '' THEN '' ELSE left(sha256(write_key), 16) END"
      : column,
  ).join(', ')
  await db.run('BEGIN TRANSACTION')
  try {
    await db.run('ALTER TABLE events RENAME TO events_before_upgrade')
    await db.run(EVENTS_TABLE_SQL)
    await db.run(`INSERT INTO events (${BASE_EVENT_COLUMNS.join(', ')}) SELECT ${select} FROM events_before_upgrade`)
    await db.run('DROP TABLE events_before_upgrade')
    await db.run('COMMIT')
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined)
    throw error
  }
  await repairLoneSurrogates(db)
  // the key itself, copied into raw by analytics-next's calls
  await rewriteJson(db, "(raw->>'$.writeKey') IS NOT NULL")
}

function repairLoneSurrogates(db: DuckDBConnection): Promise<void> {
  return rewriteJson(db, JSON_COLUMNS.map((column) => `NOT coalesce(json_valid(${column}), true)`).join(' OR '))
}

/** Rewrites the JSON columns of the rows matching `where`: strings well-formed, no `writeKey` in `raw`. */
async function rewriteJson(db: DuckDBConnection, where: string): Promise<void> {
  const found = await db.runAndReadAll(
    `SELECT write_key, message_id, ${JSON_COLUMNS.map((c) => `${c}::VARCHAR AS ${c}`).join(', ')} FROM events WHERE ${where}`,
  )
  for (const row of found.getRowObjectsJS()) {
    const values = JSON_COLUMNS.map((column) => {
      const text = row[column]
      if (typeof text !== 'string') return null
      try {
        // JSON.parse accepts lone surrogates; wellFormed replaces them
        const value = wellFormed(JSON.parse(text), Number.POSITIVE_INFINITY)
        if (column === 'raw' && typeof value === 'object' && value !== null)
          delete (value as { writeKey?: unknown }).writeKey
        return JSON.stringify(value)
      } catch {
        return null
      }
    })
    await db.run(
      `UPDATE events SET ${JSON_COLUMNS.map((c) => `${c} = ?::JSON`).join(', ')} WHERE write_key = ? AND message_id = ?`,
      [...values, String(row.write_key ?? ''), String(row.message_id)],
    )
  }
}
