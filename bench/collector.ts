// The collector under load, for `npm run bench` (or alone: `npx tsx bench/collector.ts [--quick]`): sustained
// ingest from another process (batches of 100 from concurrent senders, single /v1/t calls), the acknowledgement
// latency at half the batch rate, RSS at start and end, and the insights queries and /api/conversations over
// 100,000 and 1,000,000 generated events of realistic conversations. All on loopback; figures, never assertions.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { computeInsights } from '../example-app/server/insights'
import { startCollector } from '../src/collector'
import { EVENTS_TABLE_SQL } from '../src/collector/schema'
import { median } from './stats'

/** One load run, as bench/collectorLoad.ts reports it. */
export interface LoadRun {
  mode: string
  senders: number
  rate: number | null
  acked: number
  failed: number
  eventsPerSecond: number
  p50: number
  p99: number
}

/** What the collector bench measured. */
export interface CollectorBenchResult {
  batches: LoadRun
  singles: LoadRun
  halfRate: LoadRun
  rssMb: { start: number; end: number }
  queries: { events: number; generateSeconds: number; insightsMs: number; conversationsMs: number }[]
}

const root = join(import.meta.dirname, '..')
const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024)

const load = async (apiHost: string, args: string[]): Promise<LoadRun> => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'bench/collectorLoad.ts', apiHost, ...args],
    { cwd: root, timeout: 120_000 },
  )
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as LoadRun
}

/** Realistic conversations straight into an events table: started, message pairs, components, feedback, purchases. */
const generateSql = (events: number) => {
  const conversations = Math.ceil(events / 20)
  return `INSERT INTO events
  SELECT
    'gen-' || c || '-' || i AS message_id, 'track' AS type,
    CASE WHEN i = 0 THEN 'Conversation Started' WHEN i = 19 THEN 'Conversation Ended'
         WHEN i = 7 OR i = 13 THEN 'Component Loaded' WHEN i = 17 THEN 'Feedback Submitted'
         WHEN i = 15 AND c % 5 = 0 THEN 'Stock Purchased'
         WHEN i % 2 = 1 THEN 'Message Sent' ELSE 'Message Received' END AS event,
    'conv-' || c AS conversation_id, 'msg-' || c || '-' || (i // 2) AS chat_message_id,
    CASE WHEN c % 3 = 0 THEN 'user-' || (c % 5000) END AS user_id, 'anon-' || (c % 20000) AS anonymous_id,
    TIMESTAMP '2026-09-01' + INTERVAL (c * 97) SECOND + INTERVAL (i * 4) SECOND AS timestamp,
    TIMESTAMP '2026-09-01' + INTERVAL (c * 97) SECOND + INTERVAL (i * 4 + 1) SECOND AS received_at,
    json_object('conversationId', 'conv-' || c, 'messageId', 'msg-' || c || '-' || (i // 2),
      'message_body', 'What is the best stock in the Nasdaq right now? Show me a chart.',
      'role', CASE WHEN i % 2 = 1 THEN 'customer' ELSE 'agent' END,
      'component', CASE WHEN i = 7 THEN 'StockChart' WHEN i = 13 THEN 'StockList' END,
      'rating', CASE WHEN i = 17 THEN (c % 5) + 1 END,
      'message_type', CASE WHEN i = 17 THEN 'chart' END) AS properties,
    NULL AS traits, json_object('library', json_object('name', 'analytics.js')) AS context,
    json_object('type', 'track', 'messageId', 'gen-' || c || '-' || i) AS raw,
    'bench' AS write_key, true AS valid, '[]'::JSON AS problems
  FROM range(${conversations}) t(c), range(20) s(i)
  LIMIT ${events}`
}

const timeMs = async (rounds: number, work: () => Promise<unknown>) => {
  await work()
  const samples: number[] = []
  for (let r = 0; r < rounds; r++) {
    const start = performance.now()
    await work()
    samples.push(performance.now() - start)
  }
  return median(samples)
}

/** Runs the collector bench; `quick` shortens the load and skips the 1,000,000-event set. */
export async function collectorBench(quick = false): Promise<CollectorBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'collector-bench-'))
  try {
    const seconds = quick ? '3' : '8'
    const running = await startCollector({ port: 0, db: join(dir, 'ingest.duckdb') })
    const rssStart = mb()
    let batches: LoadRun
    let singles: LoadRun
    let halfRate: LoadRun
    try {
      batches = await load(running.apiHost, ['batch', seconds, '8'])
      singles = await load(running.apiHost, ['single', seconds, '32'])
      halfRate = await load(running.apiHost, ['batch', seconds, '8', String(Math.round(batches.eventsPerSecond / 2))])
    } finally {
      await running.close()
    }
    const rssEnd = mb()

    const queries: CollectorBenchResult['queries'] = []
    for (const events of quick ? [100_000] : [100_000, 1_000_000]) {
      const { DuckDBInstance } = await import('@duckdb/node-api')
      const file = join(dir, `q${events}.duckdb`)
      const instance = await DuckDBInstance.create(file)
      const connection = await instance.connect()
      const start = performance.now()
      await connection.run(EVENTS_TABLE_SQL)
      await connection.run(generateSql(events))
      const generateSeconds = (performance.now() - start) / 1000
      connection.closeSync()
      instance.closeSync()
      const collector = await startCollector({ port: 0, db: file })
      try {
        const insightsMs = await timeMs(3, () => computeInsights(collector.collector.query))
        const conversationsMs = await timeMs(3, async () => (await fetch(`${collector.url}/api/conversations`)).text())
        queries.push({ events, generateSeconds, insightsMs, conversationsMs })
      } finally {
        await collector.close()
      }
    }
    return { batches, singles, halfRate, rssMb: { start: rssStart, end: rssEnd }, queries }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.filename === process.argv[1]) {
  const result = await collectorBench(process.argv.includes('--quick'))
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
}
