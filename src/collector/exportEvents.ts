/// <reference types="node" />
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { DuckDBConnection } from '@duckdb/node-api'
import { sendJson } from './http'
import type { EventStore } from './openEventStore'
import { findRunningCollector, isLockConflict } from './runningCollector'

/** Export file formats: Parquet (columnar, typed) or newline-delimited JSON. */
export type ExportFormat = 'parquet' | 'ndjson'

/** Options of {@link exportEvents}. */
export interface ExportOptions {
  /** The collector's database file. */
  readonly db: string
  /** Folder to write into: one `day=YYYY-MM-DD/` folder per day of event `timestamp` (UTC). */
  readonly out: string
  /** @default 'parquet' */
  readonly format?: ExportFormat
  /** Only events whose `timestamp` is at or after this date (`YYYY-MM-DD` or an ISO date-time, UTC). */
  readonly since?: string
  /** The collector's write key, when its read side asks for one (used only when the export goes through it). */
  readonly writeKey?: string
}

/** What an export wrote. */
export interface ExportResult {
  readonly events: number
  /** Files written, relative to `out`. */
  readonly files: readonly string[]
  /** `'file'` when the database was read directly, else the URL of the running collector that took the snapshot. */
  readonly via: string
}

/**
 * The exported columns, in order: the `events` table with timestamps as UTC instants (`TIMESTAMPTZ`) and JSON as
 * text, so DuckDB, ClickHouse, BigQuery and Spark read the files as they are.
 */
export const EXPORT_COLUMNS_SQL = `message_id, type, event, conversation_id, chat_message_id, user_id, anonymous_id,
  timezone('UTC', timestamp) AS timestamp, timezone('UTC', received_at) AS received_at,
  CAST(properties AS VARCHAR) AS properties, CAST(traits AS VARCHAR) AS traits, CAST(context AS VARCHAR) AS context,
  CAST(raw AS VARCHAR) AS raw, write_key, valid, CAST(problems AS VARCHAR) AS problems`

/** `since` as an ISO instant, or an error message. */
export function parseSince(since: string | undefined): { ok: true; iso?: string } | { ok: false; error: string } {
  if (since === undefined || since === '') return { ok: true }
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since}T00:00:00Z` : since)
  return Number.isNaN(date.getTime())
    ? { ok: false, error: `--since must be a date such as 2026-11-30, got ${JSON.stringify(since)}` }
    : { ok: true, iso: date.toISOString() }
}

const quote = (path: string) => `'${path.replaceAll("'", "''")}'`

/** Writes one consistent snapshot of `events` (one statement = one transaction) to a single Parquet file. */
async function snapshotTo(connection: DuckDBConnection, file: string, sinceIso: string | undefined): Promise<void> {
  const where = sinceIso ? `WHERE timestamp >= CAST(${quote(sinceIso.replace('Z', ''))} AS TIMESTAMP)` : ''
  await connection.run(
    `COPY (SELECT ${EXPORT_COLUMNS_SQL} FROM events ${where} ORDER BY timestamp, message_id) TO ${quote(file)} (FORMAT parquet)`,
  )
}

/**
 * `GET /api/export?since=`: a consistent snapshot of the stored events as one Parquet file, so
 * `copilot-analytics export` works while this collector holds the database file.
 */
export async function handleExport(url: URL, res: ServerResponse, store: EventStore): Promise<void> {
  const since = parseSince(url.searchParams.get('since') ?? undefined)
  if (!since.ok) return sendJson(res, 400, { error: since.error })
  const dir = await mkdtemp(join(tmpdir(), 'copilot-analytics-export-'))
  const file = join(dir, 'events.parquet')
  const connection = await store.connect()
  try {
    await snapshotTo(connection, file, since.iso)
    const { size } = await stat(file)
    res.writeHead(200, {
      'Content-Type': 'application/vnd.apache.parquet',
      'Content-Length': size,
      'Content-Disposition': 'attachment; filename="events.parquet"',
      'Cache-Control': 'no-store',
    })
    await pipeline(createReadStream(file), res)
  } finally {
    connection.closeSync()
    await rm(dir, { recursive: true, force: true })
  }
}

const listFiles = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()
}

/**
 * Exports the collector's events to `out`, partitioned by day (`day=YYYY-MM-DD/`). Reads the database file
 * directly (read-only); when a running collector holds it, asks that collector for a snapshot instead, so an
 * export never waits for, nor blocks, the collector.
 */
export async function exportEvents(options: ExportOptions): Promise<ExportResult> {
  const format = options.format ?? 'parquet'
  const since = parseSince(options.since)
  if (!since.ok) throw new Error(since.error)
  const existing = await readdir(options.out).catch(() => [])
  if (existing.length > 0) throw new Error(`${options.out} is not empty: export into a new or empty folder`)
  const { DuckDBInstance } = await import('@duckdb/node-api')
  const work = await mkdtemp(join(tmpdir(), 'copilot-analytics-export-'))
  const snapshot = join(work, 'snapshot.parquet')
  let via = 'file'
  try {
    try {
      await stat(options.db)
      const source = await DuckDBInstance.create(options.db, { access_mode: 'READ_ONLY' })
      const connection = await source.connect()
      try {
        await snapshotTo(connection, snapshot, since.iso)
      } finally {
        connection.closeSync()
        source.closeSync()
      }
    } catch (error) {
      if (!isLockConflict(error)) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`no database at ${options.db}`)
        throw error
      }
      const url = await findRunningCollector(options.db)
      if (!url) {
        throw new Error(`${options.db} is locked by another process that is not a collector this command can reach`)
      }
      via = url
      const query = since.iso ? `?since=${encodeURIComponent(since.iso)}` : ''
      const headers: Record<string, string> = options.writeKey
        ? { Authorization: `Basic ${Buffer.from(`${options.writeKey}:`).toString('base64')}` }
        : {}
      const response = await fetch(`${url}/api/export${query}`, { headers })
      if (!response.ok || !response.body) {
        const hint = response.status === 401 ? ' (pass --write-key)' : ''
        throw new Error(`the collector at ${url} answered ${response.status}${hint}: ${await response.text()}`)
      }
      await pipeline(
        Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
        createWriteStream(snapshot),
      )
    }

    // partition the snapshot by day in a scratch database: nothing here touches the collector's file
    const scratch = await DuckDBInstance.create(':memory:')
    const connection = await scratch.connect()
    try {
      await mkdir(options.out, { recursive: true })
      await connection.run("SET TimeZone = 'UTC'")
      const source = `read_parquet(${quote(snapshot)})`
      const count = (await connection.runAndReadAll(`SELECT count(*) FROM ${source}`)).getRowsJS()[0]?.[0]
      if (format === 'parquet') {
        await connection.run(
          `COPY (SELECT *, CAST(timestamp AS DATE) AS day FROM ${source}) TO ${quote(options.out)}
           (FORMAT parquet, PARTITION_BY (day), OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'events_{uuid}')`,
        )
      } else {
        // DuckDB partitions Parquet and CSV only: one COPY per day
        const days = (
          await connection.runAndReadAll(`SELECT DISTINCT strftime(timestamp, '%Y-%m-%d') FROM ${source} ORDER BY 1`)
        ).getRowsJS()
        for (const [day] of days) {
          const dir = join(options.out, `day=${String(day)}`)
          await mkdir(dir, { recursive: true })
          await connection.run(
            `COPY (SELECT * FROM ${source} WHERE strftime(timestamp, '%Y-%m-%d') = ${quote(String(day))})
             TO ${quote(join(dir, 'events.ndjson'))} (FORMAT json)`,
          )
        }
      }
      return { events: Number(count), files: await listFiles(options.out), via }
    } finally {
      connection.closeSync()
      scratch.closeSync()
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
