// Computed traits on read: one profile's traits through the Profile API with N events stored, against a full scan
// of the events table in the same database. `npx tsx bench/profiles.ts [events]` alone, or as part of `npm run bench`.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { startCollector } from '../src/collector'
import { BASE_EVENT_COLUMNS, EVENTS_TABLE_SQL, FILL_TYPED_COLUMNS_SQL } from '../src/collector/schema'
import { median, round } from './stats'

/** What one run measured: the median time of a profile read and of a full scan, and their ratio. */
export interface ProfilesResult {
  readonly events: number
  readonly profileTraitsMs: number
  readonly fullScanMs: number
  readonly ratio: number
}

const VISITORS = 20_000
const KNOWN = 5_000
const EVENT_NAMES = [
  'Conversation Started',
  'Message Sent',
  'Message Received',
  'Component Loaded',
  'Feedback Submitted',
  'Stock Purchased',
  'Media Generated',
]

/**
 * Writes `events` realistic rows straight into a collector database (20,000 visitors, 5,000 of them signed in
 * halfway through their history, the spec's events in turn), so a million rows take seconds, not an ingest run.
 */
export async function generate(db: string, events: number): Promise<void> {
  const instance = await DuckDBInstance.create(db)
  const connection = await instance.connect()
  await connection.run(EVENTS_TABLE_SQL)
  const names = `[${EVENT_NAMES.map((name) => `'${name}'`).join(', ')}]`
  const into = `INSERT INTO events (${BASE_EVENT_COLUMNS.join(', ')})`
  await connection.run(`${into} SELECT
      'm-' || i AS message_id, 'track', ${names}[1 + i % ${EVENT_NAMES.length}] AS event,
      'c-' || (i // 20) AS conversation_id, 'msg-' || (i // 2) AS chat_message_id,
      CASE WHEN i % ${VISITORS} < ${KNOWN} AND (i // ${VISITORS}) % 2 = 1 THEN 'user-' || (i % ${VISITORS}) END,
      'anon-' || (i % ${VISITORS}),
      TIMESTAMP '2026-11-30 00:00:00' - to_seconds(i), TIMESTAMP '2026-11-30 00:00:00' - to_seconds(i),
      json_object('conversationId', 'c-' || (i // 20), 'messageId', 'msg-' || (i // 2), 'type', ['Stock Price Chart', 'Stock Purchase', 'image'][1 + i % 3],
        'symbol', ['NVDA', 'AAPL', 'MSFT', 'AMZN'][1 + i % 4], 'rating', [1, -1][1 + i % 2], 'total', (i % 1000)::DOUBLE,
        'message_body', 'What is the price of NVDA right now? ' || i),
      NULL, json_object('library', json_object('name', 'analytics.js')), '{}', '', true, '[]'
    FROM range(${events}) t(i)`)
  await connection.run(`${into} SELECT 'identify-' || v, 'identify', NULL, NULL, NULL, 'user-' || v, 'anon-' || v,
      TIMESTAMP '2026-11-29 00:00:00', TIMESTAMP '2026-11-29 00:00:00', NULL, json_object('plan', 'pro'), NULL, '{}', '', true, '[]'
    FROM range(${KNOWN}) t(v)`)
  // the typed columns, as the collector fills them on write
  await connection.run(FILL_TYPED_COLUMNS_SQL)
  connection.closeSync()
  instance.closeSync()
}

/** Builds the database, starts a collector on it, and times both reads `rounds` times, interleaved. */
export async function profiles(options: { events: number; rounds: number }): Promise<ProfilesResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-profiles-'))
  const db = join(dir, 'events.duckdb')
  try {
    await generate(db, options.events)
    const running = await startCollector({ port: 0, db })
    try {
      const traitTimes: number[] = []
      const scanTimes: number[] = []
      for (let round = 0; round < options.rounds + 2; round++) {
        const user = `user-${(round * 37) % KNOWN}`
        let start = performance.now()
        const response = await fetch(`${running.url}/v1/spaces/bench/collections/users/profiles/user_id:${user}/traits`)
        const body = (await response.json()) as { traits?: Record<string, unknown> }
        const traitMs = performance.now() - start
        if (response.status !== 200 || !body.traits) throw new Error(`profile read failed: ${response.status}`)
        start = performance.now()
        await running.collector.query('SELECT count(*), sum(length(properties::VARCHAR)) FROM events')
        const scanMs = performance.now() - start
        // the first two rounds warm the caches
        if (round >= 2) {
          traitTimes.push(traitMs)
          scanTimes.push(scanMs)
        }
      }
      const profileTraitsMs = median(traitTimes)
      const fullScanMs = median(scanTimes)
      return {
        events: options.events,
        profileTraitsMs: round(profileTraitsMs),
        fullScanMs: round(fullScanMs),
        ratio: round(profileTraitsMs / fullScanMs),
      }
    } finally {
      await running.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const events = Number(process.argv[2] ?? 1_000_000)
  const result = await profiles({ events, rounds: 15 })
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
}
