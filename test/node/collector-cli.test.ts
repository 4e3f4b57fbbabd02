import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { afterAll, describe, expect, it } from 'vitest'
import { createCollector } from '../../src/collector'
import { collectorProcess, freePort } from '../support/collectorProcess'

const root = join(import.meta.dirname, '../..')
const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'collector-cli-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** Runs `copilot-analytics …args` from source; resolves with its exit code and output. */
const cli = (args: string[], command = [process.execPath, '--import', 'tsx', 'src/collector/cli.ts']) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const [bin, ...rest] = command as [string, ...string[]]
    const child = spawn(bin, [...rest, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk
    })
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })

let n = 0
const track = (event: string, timestamp: string) => ({
  type: 'track',
  event,
  properties: { conversationId: 'c-1' },
  anonymousId: 'anon-1',
  messageId: `cli-${++n}-${Math.random().toString(36).slice(2)}`,
  timestamp,
})

const readExport = async (pattern: string, reader = 'read_parquet') => {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  try {
    await connection.run("SET TimeZone = 'UTC'")
    const result = await connection.runAndReadAll(
      `SELECT CAST(day AS VARCHAR) AS day, count(*) AS n, count(DISTINCT message_id) AS ids,
         bool_and(json_valid(properties)) AS json_ok
       FROM ${reader}('${pattern}', hive_partitioning = true) GROUP BY day ORDER BY day`,
    )
    return result.getRowObjectsJS().map((row) => ({ ...row, n: Number(row.n), ids: Number(row.ids) }))
  } finally {
    connection.closeSync()
    instance.closeSync()
  }
}

describe('copilot-analytics collector', () => {
  it('says in one line that the database is in use by the running collector, naming its URL and --db', async () => {
    const db = join(tempDir(), 'events.duckdb')
    const first = collectorProcess({ port: await freePort(), db })
    await first.start()
    try {
      const second = await cli(['collector', '--port', '0', '--db', db])
      expect(second.code).toBe(1)
      const lines = second.stderr.trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(lines[0]).toContain(`in use by the collector at ${first.url}`)
      expect(lines[0]).toContain('--db')
    } finally {
      await first.stop()
    }
  })

  it('says in one line that the port is taken', async () => {
    const db = join(tempDir(), 'events.duckdb')
    const first = collectorProcess({ port: await freePort(), db: ':memory:' })
    await first.start()
    try {
      const port = new URL(first.url).port
      const second = await cli(['collector', '--port', port, '--db', db])
      expect(second.code).toBe(1)
      expect(second.stderr.trim()).toBe(
        `copilot-analytics collector: port ${port} is in use: pass --port ANOTHER (or --port 0 for a free one)`,
      )
    } finally {
      await first.stop()
    }
  })

  it('runs through npx in this repository with no build (the bin runs the source)', async () => {
    const result = await cli(['--help'], ['npx', '--no-install', 'copilot-analytics'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('copilot-analytics collector [--port 7463]')
  })
})

describe('copilot-analytics export', () => {
  it('exports a consistent snapshot by day while the collector runs and keeps storing, then from the file', async () => {
    const dir = tempDir()
    const db = join(dir, 'events.duckdb')
    const running = collectorProcess({ port: await freePort(), db })
    await running.start()
    const post = (calls: unknown[]) =>
      fetch(`${running.apiHost}/batch`, { method: 'POST', body: JSON.stringify({ batch: calls }) })
    try {
      const day1 = Array.from({ length: 30 }, () => track('Message Sent', '2026-11-28T23:59:59.000+00:00'))
      // 00:30 in UTC+02:00 is still the 29th in UTC
      const day2 = Array.from({ length: 20 }, () => track('Message Received', '2026-11-30T00:30:00.000+02:00'))
      expect((await post([...day1, ...day2])).status).toBe(200)

      // the collector keeps taking events while the export runs
      let sending = true
      const sender = (async () => {
        while (sending) await post([track('During Export', '2026-12-01T12:00:00Z')])
      })()
      const out = join(dir, 'parquet')
      const result = await cli(['export', '--db', db, '--out', out])
      sending = false
      await sender
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      expect(result.stdout).toContain(`the collector at ${running.url}`)
      const days = await readExport(`${out}/*/*.parquet`)
      expect(days.slice(0, 2)).toEqual([
        { day: '2026-11-28', n: 30, ids: 30, json_ok: true },
        { day: '2026-11-29', n: 20, ids: 20, json_ok: true },
      ])
      const exported = days.reduce((sum, day) => sum + day.n, 0)
      expect(result.stdout).toContain(`exported ${exported} events`)

      // --since and ndjson, still through the running collector
      const ndjson = join(dir, 'ndjson')
      const since = await cli(['export', '--db', db, '--out', ndjson, '--format', 'ndjson', '--since', '2026-11-29'])
      expect(since.code).toBe(0)
      const lines = readFileSync(join(ndjson, 'day=2026-11-29', 'events.ndjson'), 'utf8')
        .trim()
        .split('\n')
      expect(lines).toHaveLength(20)
      expect(JSON.parse(lines[0] as string)).toMatchObject({ event: 'Message Received', timestamp: expect.any(String) })
      expect(since.stdout).not.toContain('2026-11-28')
    } finally {
      await running.stop()
    }

    // with no collector running, the file is read directly, read-only
    const direct = join(dir, 'direct')
    const result = await cli(['export', '--db', db, '--out', direct, '--since', '2026-11-28'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`from ${db} to`)
    const reopened = await createCollector({ db })
    try {
      const [row] = await reopened.query('SELECT count(*) AS n FROM events')
      const days = await readExport(`${direct}/*/*.parquet`)
      expect(days.reduce((sum, day) => sum + day.n, 0)).toBe(row?.n)
    } finally {
      await reopened.close()
    }
  })

  it('refuses a bad --since, a non-empty folder and a missing database with one clear line', async () => {
    const dir = tempDir()
    const badSince = await cli(['export', '--db', join(dir, 'x.duckdb'), '--out', join(dir, 'o'), '--since', 'soon'])
    expect(badSince.code).toBe(1)
    expect(badSince.stderr).toContain('--since must be a date')
    const missing = await cli(['export', '--db', join(dir, 'none.duckdb'), '--out', join(dir, 'o2')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('no database at')
    const notEmpty = await cli(['export', '--db', join(dir, 'none.duckdb'), '--out', root])
    expect(notEmpty.stderr).toContain('is not empty')
  })
})
