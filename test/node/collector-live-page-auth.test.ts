// The live page of a collector started with --write-key, in real Chromium: it asks for the key once (its own
// form) on the first 401, keeps it in sessionStorage, sends it as Authorization: Basic (never in a URL) for the history and the
// stream, and streams new events live.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'
import { type CollectorProcess, collectorProcess, freePort } from '../support/collectorProcess'

const KEY = 'wk-live-page-5d1e'
const dir = mkdtempSync(join(tmpdir(), 'collector-live-auth-'))
let browser: Browser
let proc: CollectorProcess
beforeAll(async () => {
  proc = collectorProcess({ port: await freePort(), db: join(dir, 'events.duckdb'), writeKey: KEY })
  ;[browser] = await Promise.all([
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
    proc.start(),
  ])
}, 60_000)
afterAll(async () => {
  await browser?.close()
  await proc?.stop()
  rmSync(dir, { recursive: true, force: true })
})

let n = 0
const send = (event: string) =>
  fetch(`${proc.apiHost}/t`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}` },
    body: JSON.stringify({
      type: 'track',
      event,
      properties: { conversationId: 'c-auth' },
      anonymousId: 'a',
      messageId: `auth-${++n}`,
    }),
  })

it('asks for the write key once, keeps it for the tab, and shows history and live events with it', async () => {
  expect((await send('Conversation Started')).status).toBe(200)
  const page = await browser.newPage()
  // the page asks in its own form, never with a browser dialog
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  const urls: string[] = []
  page.on('request', (request) => urls.push(request.url()))
  await page.goto(proc.url)
  await expect.poll(() => page.locator('#auth').isVisible(), { timeout: 20_000 }).toBe(true)
  expect(await page.locator('#status').textContent()).toContain('write key needed')
  await page.fill('#key', KEY)
  await page.click('#auth button')
  const rows = page.locator('#events li')
  await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(1)
  await expect.poll(() => page.locator('#status').textContent(), { timeout: 20_000 }).toBe('live')
  // every read (history, counts, health, stream) took the one key: the form is not shown again
  expect(await page.locator('#auth').isVisible()).toBe(false)
  expect(await page.evaluate(() => sessionStorage.getItem('copilot-analytics:collector-key'))).toBe(KEY)

  // the stream carries the key too
  expect((await send('Message Sent')).status).toBe(200)
  await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2)
  expect(await rows.nth(0).getAttribute('data-event')).toBe('Message Sent')

  // a reload in the same tab uses the kept key: not asked again
  await page.reload()
  await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2)
  await expect.poll(() => page.locator('#status').textContent(), { timeout: 20_000 }).toBe('live')
  expect(await page.locator('#auth').isVisible()).toBe(false)
  expect(dialogs).toEqual([])
  // the key never travels in a URL
  expect(urls.some((url) => url.includes(KEY) || url.includes(encodeURIComponent(KEY)))).toBe(false)
  await page.close()
})

it('says the key is needed while none is given or a wrong one is, and shows nothing', async () => {
  const page = await browser.newPage()
  await page.goto(proc.url)
  await expect.poll(() => page.locator('#status').textContent(), { timeout: 20_000 }).toContain('write key needed')
  expect(await page.locator('#auth').isVisible()).toBe(true)
  expect(await page.locator('#events li').count()).toBe(0)

  await page.fill('#key', 'not-the-key')
  await page.click('#auth button')
  await expect.poll(() => page.locator('#auth-error').textContent(), { timeout: 20_000 }).toContain('not accepted')
  expect(await page.locator('#status').textContent()).toContain('write key needed')
  expect(await page.locator('#events li').count()).toBe(0)
  expect(await page.evaluate(() => sessionStorage.getItem('copilot-analytics:collector-key'))).toBeNull()
  await page.close()
})
