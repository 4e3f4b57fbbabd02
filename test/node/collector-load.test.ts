// A load of at least 1,000 events a second for 10 seconds, from a second process on loopback, stored with none
// lost. The measured rates are printed (and quoted in the README's benchmark section); nothing here is timed.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { startCollector } from '../../src/collector'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const SECONDS = 10
const RATE = 1500

it(`stores ${RATE} events a second for ${SECONDS} seconds from another process, none lost and none twice`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collector-load-'))
  const running = await startCollector({ port: 0, db: join(dir, 'events.duckdb') })
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'test/support/collectorLoad.ts', running.apiHost, String(SECONDS), String(RATE)],
      { cwd: root, timeout: 55_000 },
    )
    const summary = JSON.parse(stdout.trim().split('\n').pop() ?? '{}')
    console.log(`collector load: ${JSON.stringify(summary)}`)
    expect(summary.sent).toBeGreaterThanOrEqual(RATE * SECONDS)
    expect(summary).toMatchObject({ acked: summary.sent, rejected: 0 })
    const [stored] = await running.collector.query(
      `SELECT count(*) AS rows, count(DISTINCT message_id) AS ids, count(DISTINCT properties->>'$.seq') AS seqs,
              min((properties->>'$.seq')::INTEGER) AS first, max((properties->>'$.seq')::INTEGER) AS last
       FROM events WHERE anonymous_id = ?`,
      [`anon-${summary.run}`],
    )
    expect(stored).toEqual({
      rows: summary.sent,
      ids: summary.sent,
      seqs: summary.sent,
      first: 0,
      last: summary.sent - 1,
    })
  } finally {
    await running.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
