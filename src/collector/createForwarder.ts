/// <reference types="node" />
import type { DuckDBConnection } from '@duckdb/node-api'
import { MAX_EVENT_BYTES } from './segmentCall'
import { toPlainRows } from './toPlainRows'

/** Where and how the collector relays what it stores (`--forward`). */
export interface ForwardOptions {
  /**
   * A Segment-compatible HTTP Tracking API: `https://api.segment.io`, a RudderStack data plane, Jitsu, or another
   * collector. Batches go to `<url>/v1/batch` (a URL that already ends in `/v1/batch` or `/v1/b` is used as is).
   */
  url: string
  /** The write key to send (Basic auth and the batch's `writeKey`). Left out: the collector's own `writeKey`, if it has one (the collector keeps no event's key). */
  writeKey?: string
  /** Retry delays: `baseMs · 2^attempt` with jitter, at most `maxMs`. @default { baseMs: 1000, maxMs: 300000 } */
  backoff?: { baseMs?: number; maxMs?: number }
}

/** The forwarder's state, as `/api/health` and the live page show it. */
export interface ForwarderState {
  readonly url: string
  /** Events waiting to be sent (including those waiting for a retry). */
  readonly queued: number
  /** Events the receiver acknowledged, since the outbox was created. */
  readonly sent: number
  /** Queued events whose last attempt failed and that will be retried. */
  readonly failing: number
  /** Events the receiver refused for good (a 4xx other than 408/429): kept, listed, not retried. */
  readonly setAside: number
  readonly lastError: { readonly at: string; readonly message: string } | null
  readonly lastSentAt: string | null
}

/** An event the receiver refused for good. */
export interface SetAsideEvent {
  readonly message_id: string
  readonly attempts: number
  readonly last_error: string | null
  readonly enqueued_at: string
}

/** Relays the outbox to the receiver until stopped. */
export interface Forwarder {
  /** Something was queued: look at the outbox soon. */
  wake(): void
  state(): Promise<ForwarderState>
  setAside(limit?: number): Promise<SetAsideEvent[]>
  /** Stops sending; a request in flight is abandoned and its events stay queued (sent again on the next start). */
  stop(): Promise<void>
}

/** Segment's limit for one batch request; the envelope is kept well under it. */
const MAX_BATCH_BYTES = 475 * 1024
const ROWS_PER_ROUND = 2_000
const IDLE_POLL_MS = 1_000
const REQUEST_TIMEOUT_MS = 30_000

/** The batch endpoint for a forward URL. */
export function batchUrlOf(url: string): string {
  const parsed = new URL(url)
  const path = parsed.pathname.replace(/\/+$/, '')
  if (/\/v1\/(batch|b)$/.test(path)) return parsed.toString()
  parsed.pathname = path.endsWith('/v1') ? `${path}/batch` : `${path}/v1/batch`
  return parsed.toString()
}

/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** Exponential backoff with jitter (half fixed, half random, so retries spread out but never come at once). */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

interface OutboxRow {
  readonly seq: number
  readonly message_id: string
  readonly write_key: string | null
  readonly body: string
  readonly attempts: number
}

type Outcome =
  | { readonly kind: 'sent' }
  | { readonly kind: 'retry'; readonly error: string; readonly afterMs?: number }
  | { readonly kind: 'refused'; readonly error: string }

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`

/** Cuts rows into Segment batches: one write key each, at most ~475 KB of calls. */
function toBatches(rows: readonly OutboxRow[], forcedKey: string | undefined): OutboxRow[][] {
  const batches: OutboxRow[][] = []
  const open = new Map<string, { rows: OutboxRow[]; bytes: number }>()
  for (const row of rows) {
    const key = forcedKey ?? row.write_key ?? ''
    const size = Buffer.byteLength(row.body) + 1
    let batch = open.get(key)
    if (batch && batch.bytes + size > MAX_BATCH_BYTES) {
      batches.push(batch.rows)
      batch = undefined
    }
    if (!batch) {
      batch = { rows: [], bytes: 64 }
      open.set(key, batch)
    }
    batch.rows.push(row)
    batch.bytes += size
  }
  for (const batch of open.values()) batches.push(batch.rows)
  return batches
}

/**
 * Starts relaying the outbox (see `outbox.ts`) to a Segment-compatible API over `connection`: at least once,
 * in Segment batches, the envelope `messageId` kept so the receiver's de-duplication absorbs retries. 2xx
 * deletes the rows; 429, 408, 5xx and network errors are retried with backoff (honouring `Retry-After`);
 * another 4xx splits the batch to find the refused events and sets those aside.
 */
export function createForwarder(
  connection: DuckDBConnection,
  query: (sql: string) => Promise<Record<string, unknown>[]>,
  options: ForwardOptions,
): Forwarder {
  const endpoint = batchUrlOf(options.url)
  const baseMs = options.backoff?.baseMs ?? 1_000
  const maxMs = options.backoff?.maxMs ?? 300_000
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let wakeUp: (() => void) | undefined
  let inFlight: AbortController | undefined
  let lastError: ForwarderState['lastError'] = null
  let lastSentAt: string | null = null

  const read = async (sql: string) => toPlainRows(await connection.runAndReadAll(sql))

  const post = async (rows: readonly OutboxRow[]): Promise<Outcome> => {
    const key = options.writeKey ?? rows[0]?.write_key ?? undefined
    const body = `{"batch":[${rows.map((row) => row.body).join(',')}],"sentAt":${JSON.stringify(new Date().toISOString())}${key ? `,"writeKey":${JSON.stringify(key)}` : ''}}`
    inFlight = new AbortController()
    const timeout = setTimeout(() => inFlight?.abort(), REQUEST_TIMEOUT_MS)
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: basic(key) } : {}) },
        body,
        signal: inFlight.signal,
      })
      const text = await response.text().catch(() => '')
      if (response.ok) return { kind: 'sent' }
      const error = `${response.status} from ${endpoint}${text ? `: ${text.slice(0, 200)}` : ''}`
      if (response.status === 429 || response.status === 408 || response.status >= 500) {
        const afterMs = retryAfterMs(response.headers.get('retry-after'))
        return afterMs === undefined ? { kind: 'retry', error } : { kind: 'retry', error, afterMs }
      }
      return { kind: 'refused', error }
    } catch (error) {
      return { kind: 'retry', error: `${endpoint}: ${error instanceof Error ? error.message : String(error)}` }
    } finally {
      clearTimeout(timeout)
      inFlight = undefined
    }
  }

  const seqs = (rows: readonly OutboxRow[]) => rows.map((row) => row.seq).join(', ')

  const markSent = async (rows: readonly OutboxRow[]) => {
    await connection.run('BEGIN TRANSACTION')
    try {
      await connection.run(`DELETE FROM outbox WHERE seq IN (${seqs(rows)})`)
      await connection.run(`UPDATE outbox_stats SET sent = sent + ${rows.length} WHERE id = 1`)
      await connection.run('COMMIT')
    } catch (error) {
      await connection.run('ROLLBACK').catch(() => undefined)
      throw error
    }
    lastSentAt = new Date().toISOString()
  }

  const markRetry = async (rows: readonly OutboxRow[], error: string, afterMs: number | undefined) => {
    const attempt = Math.max(...rows.map((row) => row.attempts)) + 1
    // Retry-After is the receiver's word; our own backoff still grows with the attempts
    const delay = Math.max(afterMs ?? 0, backoffMs(attempt, baseMs, maxMs))
    await connection.run(
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ${Date.now() + delay}, last_error = ${sqlText(error)}
       WHERE seq IN (${seqs(rows)})`,
    )
  }

  const markRefused = async (row: OutboxRow, error: string) => {
    await connection.run(
      `UPDATE outbox SET attempts = attempts + 1, state = 'set_aside', last_error = ${sqlText(error)} WHERE seq = ${row.seq}`,
    )
  }

  /** Sends `rows`; a refused batch is split in halves until the refused events are found. */
  const deliver = async (rows: readonly OutboxRow[]): Promise<void> => {
    if (stopped || rows.length === 0) return
    const outcome = await post(rows)
    if (stopped) return
    if (outcome.kind === 'sent') return markSent(rows)
    lastError = { at: new Date().toISOString(), message: outcome.error }
    if (outcome.kind === 'retry') return markRetry(rows, outcome.error, outcome.afterMs)
    if (rows.length === 1) return markRefused(rows[0] as OutboxRow, outcome.error)
    const half = Math.ceil(rows.length / 2)
    await deliver(rows.slice(0, half))
    await deliver(rows.slice(half))
  }

  const round = async (): Promise<number> => {
    const now = Date.now()
    const rows = (await read(
      `SELECT seq, message_id, write_key, body, attempts FROM outbox
       WHERE state = 'queued' AND next_attempt_at <= ${now} ORDER BY seq LIMIT ${ROWS_PER_ROUND}`,
    )) as unknown as OutboxRow[]
    const fitting: OutboxRow[] = []
    for (const row of rows) {
      // larger than Segment takes: no receiver will ever accept it
      if (Buffer.byteLength(row.body) > MAX_EVENT_BYTES) await markRefused(row, `event over ${MAX_EVENT_BYTES} bytes`)
      else fitting.push(row)
    }
    for (const batch of toBatches(fitting, options.writeKey)) await deliver(batch)
    return rows.length
  }

  /** How long to sleep: until the earliest retry, at most the idle poll. */
  const pause = async (): Promise<number> => {
    const [row] = await read(`SELECT min(next_attempt_at) AS next FROM outbox WHERE state = 'queued'`)
    const next = typeof row?.next === 'number' ? row.next - Date.now() : IDLE_POLL_MS
    return Math.max(10, Math.min(IDLE_POLL_MS, next))
  }

  const loop = (async () => {
    while (!stopped) {
      try {
        const handled = await round()
        if (handled > 0 && !stopped) continue
      } catch (error) {
        if (stopped) break
        lastError = { at: new Date().toISOString(), message: error instanceof Error ? error.message : String(error) }
      }
      const ms = await pause().catch(() => IDLE_POLL_MS)
      if (stopped) break
      await new Promise<void>((resolve) => {
        wakeUp = resolve
        timer = setTimeout(resolve, ms)
      })
      wakeUp = undefined
    }
  })()

  return {
    wake() {
      // after the events' commit, not during it
      setTimeout(() => wakeUp?.(), 5).unref()
    },
    async state() {
      const [counts] = await query(
        `SELECT count(*) FILTER (WHERE state = 'queued') AS queued,
                count(*) FILTER (WHERE state = 'queued' AND attempts > 0) AS failing,
                count(*) FILTER (WHERE state = 'set_aside') AS set_aside,
                (SELECT sent FROM outbox_stats WHERE id = 1) AS sent
         FROM outbox`,
      )
      return {
        url: options.url,
        queued: Number(counts?.queued ?? 0),
        sent: Number(counts?.sent ?? 0),
        failing: Number(counts?.failing ?? 0),
        setAside: Number(counts?.set_aside ?? 0),
        lastError,
        lastSentAt,
      }
    },
    async setAside(limit = 100) {
      const rows = await query(
        `SELECT message_id, attempts, last_error, make_timestamp(enqueued_at * 1000) AS enqueued_at FROM outbox
         WHERE state = 'set_aside' ORDER BY seq DESC LIMIT ${Math.max(1, Math.min(10_000, Math.floor(limit)))}`,
      )
      return rows as unknown as SetAsideEvent[]
    },
    async stop() {
      stopped = true
      clearTimeout(timer)
      wakeUp?.()
      inFlight?.abort()
      await loop
    },
  }
}

const sqlText = (text: string) => `'${text.slice(0, 1000).replaceAll("'", "''")}'`
