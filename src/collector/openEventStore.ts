/// <reference types="node" />
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api'
import { EVENT_COLUMNS, EVENTS_TABLE_SQL, PROFILE_INDEXES_SQL } from './schema'
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
  /** DuckDB's `memory_limit`. @default '128MB' */
  memoryLimit?: string
}

// A checkpoint (write-ahead log → database file) costs about 5–20 µs per event written since the last one on a
// 2-core machine, measured flat from 50,000 to 600,000 stored events. Until then the rows live in memory, about
// 0.9 KB each, so the checkpoint interval bounds the memory ingest holds: at DuckDB's threshold of 64 MB of log
// (about 60,000 events) they stay under ~80 MB. DuckDB's own checkpoint, run as a commit passes the threshold,
// held the acknowledgements less (p99 ~0.3 s) than one the store started itself (~0.7 s); at 32 MB ingest fell by
// a third. The log is also checkpointed when the writes pause.
const CHECKPOINT_THRESHOLD = '64MB'

// DuckDB keeps every block it wrote or read cached until its memory limit (80% of the machine's RAM by default),
// so a collector that ingests for hours would grow to gigabytes. Blocks already in the file are dropped first; the
// insights queries at 1,000,000 events ran as fast with this bound.
const DEFAULT_MEMORY_LIMIT = '128MB'

// Two connections write: one batch is appended (on the main thread) while the other's commit (the log write and
// fsync, on DuckDB's thread) is under way.
const WRITERS = 2
// ... but a second write starts beside the first only with this many rows: single calls (a row per request) are
// bound by the commit's fixed cost, and do better waiting to share the next commit than paying one more
const CONCURRENT_MIN_ROWS = 200

// DuckDB statement types a read may run (SELECT = 1, EXPLAIN = 4).
const READ_STATEMENT_TYPES = new Set([1, 4])

const json = (value: unknown) => (value === null ? null : JSON.stringify(value))

const valuesOf = (row: EventRow): DuckDBValue[] =>
  EVENT_COLUMNS.map((column) => {
    const value = row[column]
    if (
      column === 'properties' ||
      column === 'traits' ||
      column === 'context' ||
      column === 'raw' ||
      column === 'problems'
    ) {
      return json(value)
    }
    return value as DuckDBValue
  })

interface PendingWrite {
  readonly rows: readonly EventRow[]
  resolve(inserted: Set<string>): void
  reject(error: unknown): void
}

/** One write connection, with its own staging table (temporary tables belong to their connection). */
interface Writer {
  readonly connection: DuckDBConnection
}

/** Opens (or creates) the events database at `path` (a file, or `':memory:'`). */
export async function openEventStore(path: string, options: EventStoreOptions = {}): Promise<EventStore> {
  const { DuckDBInstance } = await import('@duckdb/node-api')
  if (path !== ':memory:') await mkdir(dirname(path), { recursive: true })
  const instance: DuckDBInstance = await DuckDBInstance.create(path, {
    checkpoint_threshold: CHECKPOINT_THRESHOLD,
    memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
  })
  const setup: DuckDBConnection = await instance.connect()
  const reader: DuckDBConnection = await instance.connect()
  await setup.run(EVENTS_TABLE_SQL)
  await upgradeEventStore(setup)
  // a profile's events are read by user and anonymous ID: indexed, that read stays fast at millions of events
  // (built once when an older database file is opened)
  for (const sql of PROFILE_INDEXES_SQL) await setup.run(sql)
  const writers: Writer[] = [{ connection: setup }]
  for (let i = 1; i < WRITERS; i++) writers.push({ connection: await instance.connect() })
  // same columns, not durable and not indexed: the rows of a write, for `inTransaction` and the careful path
  for (const { connection } of writers) {
    await connection.run('CREATE TEMP TABLE incoming AS SELECT * FROM events LIMIT 0')
  }

  let pending: PendingWrite[] = []
  let pendingRows = 0
  let closed = false
  const extra = new Set<DuckDBConnection>()
  const idle: Writer[] = [...writers]
  let inFlight = 0
  // batches that must run alone (they hold re-sent events, or a shared commit failed), and a checkpoint due
  const alone: PendingWrite[][] = []
  let exclusive = false
  let checkpointDue = false
  let drained: (() => void) | undefined

  // set after a batch held events already stored: the next one goes the careful way at once
  let careful = false

  /** Appends rows to `table` (events or the staging table) with DuckDB's appender. */
  const append = (connection: DuckDBConnection, table: string, rows: readonly EventRow[]) =>
    connection.createAppender(table).then((appender) => {
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
    })

  /** One row per write key and message ID: a re-sent event in the same batch is the same event. */
  const uniqueRows = (batch: readonly PendingWrite[]) => {
    const unique = new Map<string, EventRow>()
    for (const write of batch) {
      for (const row of write.rows) {
        const key = `${row.write_key}\n${row.message_id}`
        if (!unique.has(key)) unique.set(key, row)
      }
    }
    return unique
  }

  /**
   * The fast path, beside another writer's: append straight into `events` inside the transaction. A row already
   * stored (or committed meanwhile by the other writer) fails the append or the commit and rolls it all back;
   * the batch then goes the careful way, alone. Resolves with the new keys, or undefined when it must.
   */
  const writeFast = async ({ connection }: Writer, batch: readonly PendingWrite[]) => {
    const unique = uniqueRows(batch)
    const rows = [...unique.values()]
    try {
      await connection.run('BEGIN TRANSACTION')
      await append(connection, 'events', rows)
      const inserted = new Set(unique.keys())
      if (options.inTransaction) {
        await append(connection, 'incoming', rows)
        await options.inTransaction(connection, inserted)
      }
      await connection.run('COMMIT')
      return inserted
    } catch {
      await connection.run('ROLLBACK').catch(() => undefined)
      return undefined
    } finally {
      if (options.inTransaction) await connection.run('DELETE FROM incoming').catch(() => undefined)
    }
  }

  /** The careful path, with no other write beside it: one INSERT OR IGNORE skips (and tells) the stored IDs. */
  const writeCareful = async ({ connection }: Writer, batch: readonly PendingWrite[]) => {
    const unique = uniqueRows(batch)
    const rows = [...unique.values()]
    const inserted = new Set<string>()
    try {
      await append(connection, 'incoming', rows)
      await connection.run('BEGIN TRANSACTION')
      try {
        const result = await connection.runAndReadAll(
          `INSERT OR IGNORE INTO events SELECT * FROM incoming RETURNING write_key, message_id`,
        )
        for (const [key, id] of result.getRowsJS()) inserted.add(`${String(key)}\n${String(id)}`)
        if (options.inTransaction && inserted.size > 0) await options.inTransaction(connection, inserted)
        await connection.run('COMMIT')
      } catch (error) {
        await connection.run('ROLLBACK').catch(() => undefined)
        throw error
      }
    } finally {
      await connection.run('DELETE FROM incoming').catch(() => undefined)
    }
    // re-sent events are usually re-sent together (a retried batch): the next batch starts careful too
    careful = inserted.size < rows.length
    return inserted
  }

  const settle = (batch: readonly PendingWrite[], inserted: Set<string>) => {
    for (const write of batch) write.resolve(inserted)
  }

  const runAlone = async (writer: Writer, batch: PendingWrite[]) => {
    try {
      settle(batch, await writeCareful(writer, batch))
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error)
      // the shared commit failed: each request alone, so one that cannot be stored fails only itself
      else for (const write of batch) await writeCareful(writer, [write]).then(write.resolve, write.reject)
    }
  }

  // the idle checkpoint (write-ahead log → file): with no write beside it, once the writes pause
  const idleCheckpointMs = options.idleCheckpointMs ?? 2_000
  let uncheckpointed = false
  let idleTimer: ReturnType<typeof setTimeout> | undefined
  const checkpoint = async () => {
    try {
      await setup.run('CHECKPOINT')
      uncheckpointed = false
    } catch {
      // another connection's open transaction (an export) can refuse it: the next pause tries again
    }
  }

  /** Starts what may run now: fast writes on idle writers, or one exclusive job once the others are done. */
  const pump = () => {
    if (exclusive) return
    if (alone.length > 0 || checkpointDue) {
      if (inFlight > 0) return
      exclusive = true
      const batch = alone.shift()
      const job = batch ? runAlone(writers[0] as Writer, batch) : checkpoint()
      if (!batch) checkpointDue = false
      void job.then(() => {
        exclusive = false
        afterWrite(batch !== undefined)
      })
      return
    }
    while (pending.length > 0 && idle.length > 0) {
      // beside a running write, only a big enough batch: small ones wait and share the next commit (an fsync each)
      if (inFlight > 0 && pendingRows < CONCURRENT_MIN_ROWS) return
      const batch = pending
      pendingRows = 0
      pending = []
      if (careful) {
        alone.push(batch)
        return pump()
      }
      const writer = idle.pop() as Writer
      inFlight++
      void writeFast(writer, batch).then((inserted) => {
        inFlight--
        idle.push(writer)
        if (inserted) settle(batch, inserted)
        else alone.push(batch)
        afterWrite(true)
      })
    }
  }

  /** After each job: start what waits, and once all is done, the idle checkpoint's timer (after writes only). */
  const afterWrite = (wrote: boolean) => {
    if (wrote) uncheckpointed = true
    pump()
    if (exclusive || inFlight > 0 || pending.length > 0 || alone.length > 0) return
    drained?.()
    if (idleTimer) clearTimeout(idleTimer)
    if (!closed && uncheckpointed) {
      idleTimer = setTimeout(checkpointWhenIdle, idleCheckpointMs)
      idleTimer.unref?.()
    }
  }
  const checkpointWhenIdle = () => {
    idleTimer = undefined
    if (closed || !uncheckpointed || exclusive || inFlight > 0 || pending.length > 0) return
    checkpointDue = true
    pump()
  }

  let scheduled = false
  const schedule = () => {
    if (scheduled) return
    scheduled = true
    // wait one turn so requests that arrive together are committed together
    setImmediate(() => {
      scheduled = false
      pump()
    })
  }
  const busy = () => exclusive || inFlight > 0 || pending.length > 0 || alone.length > 0

  return {
    insert(rows) {
      if (closed) return Promise.reject(new Error('the collector is closed'))
      if (rows.length === 0) return Promise.resolve(new Set())
      return new Promise((resolve, reject) => {
        pending.push({ rows, resolve, reject })
        pendingRows += rows.length
        schedule()
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
      while (busy() || scheduled) {
        await new Promise<void>((resolve) => {
          drained = resolve
          setTimeout(resolve, 50)
        })
      }
      for (const connection of extra) connection.closeSync()
      reader.closeSync()
      for (const { connection } of writers) connection.closeSync()
      instance.closeSync()
    },
  }
}
