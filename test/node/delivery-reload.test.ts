// Events still queued when the page is reloaded or closed are delivered on the next load: real Chromium through
// playwright-core, a page that uses the provider, and our collector down while the page goes away.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type RunningCollector, startCollector } from '../../src/collector'
import { servePage } from '../browser/support/servePage'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'
import { freePort, waitUntil } from '../support/collectorProcess'

let browser: Browser
let page: { url: string; close(): Promise<void> }
let port: number
let dir: string
let collector: RunningCollector | undefined

const up = async () => {
  collector = await startCollector({ port, db: join(dir, 'events.duckdb') })
}
const down = async () => {
  await collector?.close()
  collector = undefined
}
const stored = async (event: string) =>
  collector
    ? await collector.collector.query(
        "SELECT count(*) AS rows, count(DISTINCT properties->>'$.seq') AS seqs FROM events WHERE event = ?",
        [event],
      )
    : []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delivery-reload-'))
  port = await freePort()
  ;[browser, page] = await Promise.all([
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
    servePage(),
  ])
  await up()
})
afterAll(async () => {
  await browser?.close()
  await page?.close()
  await down()
  rmSync(dir, { recursive: true, force: true })
})

const open = async (target: Page, writeKey: string) => {
  await target.goto(`${page.url}/?writeKey=${writeKey}&apiHost=${encodeURIComponent(`http://127.0.0.1:${port}/v1`)}`)
  await target.waitForFunction(() => window.probe !== undefined)
}

const expectAll = async (event: string, n: number) => {
  await waitUntil(
    async () => (await stored(event))[0]?.seqs === n,
    45_000,
    async () => `${event}: ${JSON.stringify(await stored(event))} of ${n}`,
  )
  expect(await stored(event)).toEqual([{ rows: n, seqs: n }])
}

const queueDuringOutage = async (target: Page, event: string, n: number) => {
  await target.evaluate((event) => window.probe?.track(`${event} warm-up`), event)
  await waitUntil(
    async () => ((await stored(`${event} warm-up`))[0]?.rows ?? 0) === 1,
    20_000,
    () => 'warm-up not stored',
  )
  await down()
  await target.evaluate(
    ({ event, n }) => {
      for (let seq = 0; seq < n; seq++) window.probe?.track(event, { seq })
    },
    { event, n },
  )
  await new Promise((resolve) => setTimeout(resolve, 1_500)) // first attempts fail; the events wait in the retry queue
}

it('delivers events queued during an outage after the page is reloaded', async () => {
  const context = await browser.newContext()
  const tab = await context.newPage()
  await open(tab, 'reload')
  await queueDuringOutage(tab, 'Reload Probe', 50)
  await tab.reload()
  await tab.waitForFunction(() => window.probe !== undefined)
  await up()
  await expectAll('Reload Probe', 50)
  await context.close()
})

it('delivers events queued during an outage on the next load after the page was closed', async () => {
  const context = await browser.newContext()
  const tab = await context.newPage()
  await open(tab, 'close')
  await queueDuringOutage(tab, 'Close Probe', 50)
  await tab.close()
  await up()
  await open(await context.newPage(), 'close')
  await expectAll('Close Probe', 50)
  await context.close()
})
