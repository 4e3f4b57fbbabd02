/// <reference types="node" />
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api'
import { EVENT_COLUMNS, EVENTS_TABLE_SQL, PROFILE_INDEXES_SQL } from './schema'
import { type PreparedRow, RAW_TEXT } from './toEventRow'
import { toPlainRows } from './toPlainRows'
import type { EventRow } from './types'
import { upgradeEventStore } from './upgradeEventStore'

/** The events database: durable, de-duplicated writes and read-only queries. */
export interface EventStore {
  /**
   * Writes rows and resolves once they are committed, with the keys (`${write_key}\n${message_id}`) of the rows
   * that were new (the others were already stored). Concurrent calls share one transaction, so many small
   * requests cost one commit; if that commit fails, each call is retried alone, so one call's failure is its own.
   */
  insert(rows: readonly EventRow[]): Promise<Set<string>>
  /** Read-only SQL (SELECT, EXPLAIN); rows as plain objects. */
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>
  /** Lets pending writes finish, then closes the database. */
  close(): Promise<void>
  /** A new connection to the same database (the forwarder's outbox, exports); closed with the store. */
  connect(): Promise<DuckDBConnection>
}

/** Options of {@link openEventStore}. */
export interface EventStoreOptions {
  /**
   * Runs inside each write's transaction, after the events are inserted, with the staging table `incoming` still
   * filled and the IDs that were new: whatever it writes is committed with the events, or not at all.
   */
  inTransaction?: (connection: DuckDBConnection, inserted: ReadonlySet<string>) => Promise<void>
  /** How long writes must pause before the write-ahead log is checkpointed into the file. @default 2000 */
  idleCheckpointMs?: number
  /** DuckDB's `memory_limit`. @default '256MB' for a file (DuckDB's own, 80% of RAM, for `':memory:'`) */
  memoryLimit?: string
}

// A checkpoint (write-ahead log → database file) holds every commit, from any connection, for as long as it runs:
// on a 2-core machine 0.4–0.8 s alone for ~100,000 new events at 0.1–2 million stored, 1.2–1.3 s under ingest, and
// even 5,000 new events take 0.12–0.24 s, because most of it is rewriting the two profile indexes, which grows with
// the table. Until then the rows live in memory, about 0.9 KB each, so the threshold bounds the memory ingest
// holds: at 128 MB of log (about 120,000 events) they stay under ~150 MB; at 256 MB they reached ~300 MB. A smaller
// threshold does not shorten the holds enough to matter and makes more of them (at 32 MB ingest fell by a third);
// a larger one makes them rarer and longer and holds more rows in memory (bench/README.md, "Night round"). The log
// is also checkpointed when writes pause.
const CHECKPOINT_THRESHOLD = '128MB'

// DuckDB keeps every block it wrote or read cached until its memory limit (80% of the machine's RAM by default),
// so a collector that ingests for hours would grow to gigabytes. Under this bound it drops cached blocks of the
// file instead, and the insights queries at 1,000,000 events ran as fast, within the noise. At 128 MB memory stayed
// flatter, but `GET /api/export` of 1,000,000 events (a sorted Parquet snapshot) ran out of memory.
const DEFAULT_MEMORY_LIMIT = '256MB'

// DuckDB statement types a read may run (SELECT = 1, EXPLAIN = 4).
const READ_STATEMENT_TYPES = new Set([1, 4])

const json = (value: unknown) => (value === null ? null : JSON.stringify(value))

const valuesOf = (row: PreparedRow): DuckDBValue[] =>
  EVENT_COLUMNS.map((column) => {
    const value = row[column]
    // the call's text was written for its size check already
    if (column === 'raw') return row[RAW_TEXT] ?? json(value)
    if (column === 'properties' || column === 'traits' || column === 'context' || column === 'problems') {
      return json(value)
    }
    return value as DuckDBValue
  })

interface PendingWrite {
  readonly rows: readonly EventRow[]
  resolve(inserted: Set<string>): void
  reject(error: unknown): void
}

/** Opens (or creates) the events database at `path` (a file, or `':memory:'`). */
export async function openEventStore(path: string, options: EventStoreOptions = {}): Promise<EventStore> {
  const { DuckDBInstance } = await import('@duckdb/node-api')
  if (path !== ':memory:') await mkdir(dirname(path), { recursive: true })
  const instance: DuckDBInstance = await DuckDBInstance.create(path, {
    checkpoint_threshold: CHECKPOINT_THRESHOLD,
    // an in-memory database is all in that memory: no default bound there
    ...(options.memoryLimit || path !== ':memory:'
      ? { memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT }
      : {}),
  })
  const writer: DuckDBConnection = await instance.connect()
  const reader: DuckDBConnection = await instance.connect()
  await writer.run(EVENTS_TABLE_SQL)
  await upgradeEventStore(writer)
  // a profile's events are read by user and anonymous ID: indexed, that read stays fast at millions of events
  // (built once when an older database file is opened)
  for (const sql of PROFILE_INDEXES_SQL) await writer.run(sql)
  // same columns, not durable and not indexed: each write lands here first
  await writer.run('CREATE TEMP TABLE incoming AS SELECT * FROM events LIMIT 0')

  let pending: PendingWrite[] = []
  let writing: Promise<void> | undefined
  let closed = false
  const extra = new Set<DuckDBConnection>()

  // set after a batch held events already stored: the next one skips the fast path that would fail
  let careful = false

  /** Appends rows to `table` (events or the staging table) with DuckDB's appender. */
  const append = async (table: string, rows: readonly EventRow[]) => {
    const appender = await writer.createAppender(table)
    try {
      for (const row of rows) {
        for (const value of valuesOf(row)) {
          if (value === null || value === undefined) appender.appendNull()
          else if (typeof value === 'boolean') appender.appendBoolean(value)
          else if (typeof value === 'number') appender.appendDouble(value)
          else appender.appendVarchar(String(value))
        }
        appender.endRow()
      }
      appender.closeSync()
    } catch (error) {
      // a failed flush (a re-sent event's primary key) leaves the rows in the appender: dropped here, or the
      // appender's finaliser flushes them later into whatever transaction is open then, and aborts it
      try {
        appender.clear()
        appender.closeSync()
      } catch {
        // closed already
      }
      throw error
    }
  }

  const writeBatch = async (batch: PendingWrite[]) => {
    // one row per write key and message ID: a re-sent event in the same batch is the same event
    const unique = new Map<string, EventRow>()
    for (const write of batch) {
      for (const row of write.rows) {
        const key = `${row.write_key}\n${row.message_id}`
        if (!unique.has(key)) unique.set(key, row)
      }
    }
    const rows = [...unique.values()]
    if (!careful) {
      // fast path: append straight into `events` inside the transaction; a row already stored fails the append
      // (primary key) and rolls it all back, and the batch goes the careful way below
      try {
        await writer.run('BEGIN TRANSACTION')
        await append('events', rows)
        const inserted = new Set(unique.keys())
        if (options.inTransaction) {
          await append('incoming', rows)
          await options.inTransaction(writer, inserted)
        }
        await writer.run('COMMIT')
        return inserted
      } catch {
        await writer.run('ROLLBACK').catch(() => undefined)
      } finally {
        if (options.inTransaction) await writer.run('DELETE FROM incoming').catch(() => undefined)
      }
    }
    // careful path: stage the rows, then one INSERT OR IGNORE skips (and tells) the IDs already stored
    const inserted = new Set<string>()
    try {
      await append('incoming', rows)
      await writer.run('BEGIN TRANSACTION')
      try {
        const result = await writer.runAndReadAll(
          `INSERT OR IGNORE INTO events SELECT * FROM incoming RETURNING write_key, message_id`,
        )
        for (const [key, id] of result.getRowsJS()) inserted.add(`${String(key)}\n${String(id)}`)
        if (options.inTransaction && inserted.size > 0) await options.inTransaction(writer, inserted)
        await writer.run('COMMIT')
      } catch (error) {
        await writer.run('ROLLBACK').catch(() => undefined)
        throw error
      }
    } finally {
      await writer.run('DELETE FROM incoming').catch(() => undefined)
    }
    // re-sent events are usually re-sent together (a retried batch): the next batch starts careful too
    careful = inserted.size < rows.length
    return inserted
  }

  // the idle checkpoint: runs in the write queue, so never beside a write
  const idleCheckpointMs = options.idleCheckpointMs ?? 2_000
  let uncheckpointed = false
  let idleTimer: ReturnType<typeof setTimeout> | undefined
  const checkpointWhenIdle = () => {
    idleTimer = undefined
    if (writing || closed || !uncheckpointed) return
    writing = writer
      .run('CHECKPOINT')
      .then(
        () => {
          uncheckpointed = false
        },
        // another connection's open transaction (an export) can refuse it: the next pause tries again
        () => undefined,
      )
      .then(() => {
        writing = undefined
        if (pending.length > 0) startWriting()
      })
  }
  const startWriting = () => {
    // wait one turn so requests that arrive together are committed together
    writing ??= new Promise<void>((start) => setImmediate(start)).then(drain)
  }

  const drain = async () => {
    while (pending.length > 0) {
      const batch = pending
      pending = []
      try {
        const inserted = await writeBatch(batch)
        for (const write of batch) write.resolve(inserted)
      } catch (error) {
        if (batch.length === 1) batch[0]?.reject(error)
        // the shared commit failed: each request alone, so one that cannot be stored fails only itself
        else for (const write of batch) await writeBatch([write]).then(write.resolve, write.reject)
      }
      uncheckpointed = true
    }
    writing = undefined
    if (idleTimer) clearTimeout(idleTimer)
    if (!closed) {
      idleTimer = setTimeout(checkpointWhenIdle, idleCheckpointMs)
      idleTimer.unref?.()
    }
  }

  return {
    insert(rows) {
      if (closed) return Promise.reject(new Error('the collector is closed'))
      if (rows.length === 0) return Promise.resolve(new Set())
      return new Promise((resolve, reject) => {
        pending.push({ rows, resolve, reject })
        startWriting()
      })
    },
    async query(sql, params = []) {
      const statement = await reader.prepare(sql)
      if (!READ_STATEMENT_TYPES.has(statement.statementType)) {
        throw new Error('query() runs read-only SQL only (SELECT or EXPLAIN)')
      }
      if (params.length > 0) statement.bind(params as DuckDBValue[])
      return toPlainRows(await statement.runAndReadAll())
    },
    async connect() {
      if (closed) throw new Error('the collector is closed')
      const connection = await instance.connect()
      extra.add(connection)
      return connection
    },
    async close() {
      if (closed) return
      closed = true
      if (idleTimer) clearTimeout(idleTimer)
      while (writing) await writing
      for (const connection of extra) connection.closeSync()
      reader.closeSync()
      writer.closeSync()
      instance.closeSync()
    },
  }
}
