// The collector under load, for `npm run bench` (or alone: `npx tsx bench/collector.ts [--quick]`): sustained ingest
// from another process (batches of 100 from concurrent senders, single /v1/t calls), the acknowledgement latency at
// half the batch rate, RSS at start and end (and sampled through a sustained run), and the insights queries and
// /api/conversations over 100,000 and 1,000,000 generated events of realistic conversations. All on loopback;
// figures, never assertions.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { computeInsights } from '../example-app/server/insights'
import { startCollector } from '../src/collector'
import { openEventStore } from '../src/collector/openEventStore'
import { prepareEvent } from '../src/collector/prepareEvent'
import { writeConversations } from '../test/support/collectorEvents'
import { benchCalls } from './benchCall'
import { median } from './stats'

/** One load run, as bench/collectorLoad.ts reports it. */
export interface LoadRun {
  mode: string
  senders: number
  rate: number | null
  acked: number
  failed: number
  /** The failures by HTTP status (or socket error code). */
  failures?: Record<string, number>
  eventsPerSecond: number
  p50: number
  p99: number
}

/** What the collector bench measured. */
export interface CollectorBenchResult {
  /** When it ran, and the machine's 1-minute load average at the start and the end (2 cores: above 2 is shared). */
  date: string
  loadAverage: { start: number; end: number }
  batches: LoadRun
  /** The same batches from twice the senders: more requests wait for each commit, so each commit holds more. */
  batchesWide: LoadRun
  singles: LoadRun
  halfRate: LoadRun
  /**
   * DuckDB's checkpoints during the half-rate run (its write-ahead log shrank): each holds every commit while it
   * runs, so one in the window sets the p99.
   */
  halfRateCheckpoints: number
  /**
   * The baseline: the same senders against a server that answers 200 at once and stores nothing, in the same run,
   * i.e. what this machine's loopback and sender process allow at that moment.
   */
  ceiling: { batches: LoadRun; batchesWide: LoadRun; singles: LoadRun }
  /**
   * The other baseline: the event store alone, in this process with no HTTP, writing prepared rows in commits of
   * `rowsPerCommit` one after another (what 8 senders' batches make per commit): the most DuckDB's write path gives
   * on this machine, and the CPU it takes per event (all threads).
   */
  storeAlone: { rowsPerCommit: number; eventsPerSecond: number; cpuMicrosPerEvent: number } | null
  rssMb: { start: number; end: number }
  /**
   * Sustained ingest on a fresh file (batches of 100 from 8 senders for `seconds`): the collector's RSS sampled
   * every 5 s from the start of the load to its end, and what DuckDB held at the end (`duckdb_memory()`, MB).
   */
  sustained: {
    load: LoadRun
    seconds: number
    rssMb: number[]
    duckdbMb: Record<string, number>
    /** DuckDB's checkpoints during the run. */
    checkpoints: number
  } | null
  queries: {
    events: number
    generateSeconds: number
    /** First open of the generated file (the collector's own indexes built). */
    openSeconds: number
    insightsMs: number
    /** `GET /api/conversations`: the newest 1,000. */
    conversationsMs: number
    /** `GET /api/conversations?limit=100000`: every conversation (events / 20 rows). */
    allConversationsMs: number
  }[]
}

const root = join(import.meta.dirname, '..')
const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024)

/** The baseline's server: reads each body and answers 200, like the collector's acknowledgement, storing nothing. */
const startNullServer = async () => {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"success":true}'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { apiHost: `http://127.0.0.1:${port}/v1`, close: () => new Promise((resolve) => server.close(resolve)) }
}

/**
 * Writes `commits` commits of `rowsPerCommit` prepared rows, one after another, straight into a fresh event store.
 * The rows are prepared before the clock starts: this is the store's share alone.
 */
const storeAloneRun = async (file: string, commits: number, rowsPerCommit = 400) => {
  const store = await openEventStore(file)
  const call = benchCalls('alone')
  const arrival = { writeKeyId: 'bench', receivedAt: new Date() }
  const prepare = () =>
    Array.from({ length: rowsPerCommit }, () => prepareEvent(call(), arrival)).flatMap((prepared) =>
      prepared.ok ? [prepared.row] : [],
    )
  try {
    for (let warm = 0; warm < 5; warm++) await store.insert(prepare())
    const batches = Array.from({ length: commits }, prepare)
    const stored = batches.reduce((sum, rows) => sum + rows.length, 0)
    const cpu = process.cpuUsage()
    const start = performance.now()
    for (const rows of batches) await store.insert(rows)
    const seconds = (performance.now() - start) / 1000
    const used = process.cpuUsage(cpu)
    return { rowsPerCommit, eventsPerSecond: stored / seconds, cpuMicrosPerEvent: (used.user + used.system) / stored }
  } finally {
    await store.close()
  }
}

/**
 * Counts DuckDB's checkpoints of `file` while `work` runs: a checkpoint writes the log into the file and empties
 * it, so each shrink of `<file>.wal` between two samples (every 10 ms) is one.
 */
const countingCheckpoints = async <T>(file: string, work: () => Promise<T>): Promise<[T, number]> => {
  const walSize = () => {
    try {
      return statSync(`${file}.wal`).size
    } catch {
      return 0
    }
  }
  let checkpoints = 0
  let last = walSize()
  const sampler = setInterval(() => {
    const size = walSize()
    if (size < last) checkpoints++
    last = size
  }, 10)
  try {
    return [await work(), checkpoints]
  } finally {
    clearInterval(sampler)
  }
}

const load = async (apiHost: string, args: string[]): Promise<LoadRun> => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'bench/collectorLoad.ts', apiHost, ...args],
    { cwd: root, timeout: 120_000 },
  )
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as LoadRun
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

/** Which parts of the collector bench to run (both by default; `npx tsx bench/collector.ts --ingest` runs one). */
export interface CollectorBenchParts {
  ingest?: boolean
  queries?: boolean
}

const skipped: LoadRun = {
  mode: 'skipped',
  senders: 0,
  rate: null,
  acked: 0,
  failed: 0,
  eventsPerSecond: 0,
  p50: 0,
  p99: 0,
}

/** Runs the collector bench; `quick` shortens the load and skips the 1,000,000-event set. */
export async function collectorBench(
  quick = false,
  parts: CollectorBenchParts = { ingest: true, queries: true },
): Promise<CollectorBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'collector-bench-'))
  const date = new Date().toISOString()
  const loadStart = Math.round((loadavg()[0] ?? 0) * 10) / 10
  try {
    const seconds = quick ? '3' : '8'
    const sustainedSeconds = quick ? 10 : 75
    let sustained: CollectorBenchResult['sustained'] = null
    let [batches, batchesWide, singles, halfRate] = [skipped, skipped, skipped, skipped]
    let halfRateCheckpoints = 0
    const ceiling = { batches: skipped, batchesWide: skipped, singles: skipped }
    let storeAlone: CollectorBenchResult['storeAlone'] = null
    let rssStart = 0
    let rssEnd = 0
    if (parts.ingest) {
      const nullServer = await startNullServer()
      try {
        ceiling.batches = await load(nullServer.apiHost, ['batch', seconds, '8'])
        ceiling.batchesWide = await load(nullServer.apiHost, ['batch', seconds, '16'])
        ceiling.singles = await load(nullServer.apiHost, ['single', seconds, '128'])
      } finally {
        await nullServer.close()
      }
      const ingestDb = join(dir, 'ingest.duckdb')
      const running = await startCollector({ port: 0, db: ingestDb })
      rssStart = mb()
      try {
        batches = await load(running.apiHost, ['batch', seconds, '8'])
        batchesWide = await load(running.apiHost, ['batch', seconds, '16'])
        singles = await load(running.apiHost, ['single', seconds, '128'])
        const halfOffered = String(Math.round(batches.eventsPerSecond / 2))
        ;[halfRate, halfRateCheckpoints] = await countingCheckpoints(ingestDb, () =>
          load(running.apiHost, ['batch', seconds, '8', halfOffered]),
        )
      } finally {
        await running.close()
      }
      rssEnd = mb()

      const sustainedDb = join(dir, 'sustained.duckdb')
      const fresh = await startCollector({ port: 0, db: sustainedDb })
      try {
        const rssMb = [mb()]
        const sampler = setInterval(() => rssMb.push(mb()), 5_000)
        const [run, checkpoints] = await countingCheckpoints(sustainedDb, () =>
          load(fresh.apiHost, ['batch', String(sustainedSeconds), '8']).finally(() => clearInterval(sampler)),
        )
        rssMb.push(mb())
        const memory = await fresh.collector.query(
          'SELECT tag, round(memory_usage_bytes / 1048576)::INTEGER AS mb FROM duckdb_memory() WHERE memory_usage_bytes > 0',
        )
        const duckdbMb = Object.fromEntries(memory.map((row) => [String(row.tag), Number(row.mb)]))
        sustained = { load: run, seconds: sustainedSeconds, rssMb, duckdbMb, checkpoints }
      } finally {
        await fresh.close()
      }
      // last: its memory stays in this process and would otherwise show in the sustained run's RSS
      storeAlone = await storeAloneRun(join(dir, 'alone.duckdb'), quick ? 50 : 150)
    }

    const queries: CollectorBenchResult['queries'] = []
    for (const events of !parts.queries ? [] : quick ? [100_000] : [100_000, 1_000_000]) {
      const { DuckDBInstance } = await import('@duckdb/node-api')
      const file = join(dir, `q${events}.duckdb`)
      const instance = await DuckDBInstance.create(file)
      const connection = await instance.connect()
      const start = performance.now()
      await writeConversations(connection, events)
      const generateSeconds = (performance.now() - start) / 1000
      connection.closeSync()
      instance.closeSync()
      const opening = performance.now()
      const collector = await startCollector({ port: 0, db: file })
      const openSeconds = (performance.now() - opening) / 1000
      try {
        const insightsMs = await timeMs(3, () => computeInsights(collector.collector.query))
        const conversations =
          (query = '') =>
          async () =>
            (await fetch(`${collector.url}/api/conversations${query}`)).text()
        const conversationsMs = await timeMs(3, conversations())
        const allConversationsMs = await timeMs(3, conversations('?limit=100000'))
        queries.push({ events, generateSeconds, openSeconds, insightsMs, conversationsMs, allConversationsMs })
      } finally {
        await collector.close()
      }
    }
    const loadAverage = { start: loadStart, end: Math.round((loadavg()[0] ?? 0) * 10) / 10 }
    const rssMb = { start: rssStart, end: rssEnd }
    return {
      date,
      loadAverage,
      batches,
      batchesWide,
      singles,
      halfRate,
      halfRateCheckpoints,
      ceiling,
      storeAlone,
      rssMb,
      sustained,
      queries,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.filename === process.argv[1]) {
  const only = (part: string) => process.argv.includes(`--${part}`)
  const parts = only('ingest') || only('queries') ? { ingest: only('ingest'), queries: only('queries') } : undefined
  const result = await collectorBench(only('quick'), parts)
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  const { collectorTable } = await import('./collectorTable')
  process.stderr.write(`${collectorTable(result)}\n`)
  // a full run alone updates the collector's part of bench/results.json (npm run bench rewrites all of it)
  if (!parts && !only('quick')) {
    const path = join(root, 'bench/results.json')
    const results = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
    writeFileSync(path, `${JSON.stringify({ ...results, collector: result }, null, 2)}\n`)
  }
}
