// The live page in real Chromium: counts by event and verdict, history and streamed events (newest first), a row
// opening its properties with the validator's problems marked, filters kept in the URL, pause/resume, the empty
// state, 390 px, the forwarder's state, and the write key asked once on a 401 and sent on every read.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createCollector, type RunningCollector, startCollector } from '../../src/collector'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'

let browser: Browser
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
})
afterAll(async () => {
  await browser?.close()
})

let n = 0
const send = (
  apiHost: string,
  event: string,
  properties: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) =>
  fetch(`${apiHost}/t`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('k:').toString('base64')}` },
    body: JSON.stringify({ type: 'track', event, properties, anonymousId: 'a-1', messageId: `live-${++n}`, ...extra }),
  })

describe('the live page', () => {
  let running: RunningCollector
  let page: Page
  beforeAll(async () => {
    running = await startCollector({ port: 0, db: ':memory:' })
  })
  afterAll(() => running?.close())
  afterEach(() => page?.close())

  it('shows how to send the first event when there is none', async () => {
    page = await browser.newPage()
    await page.goto(running.url)
    await expect.poll(() => page.locator('#empty').isVisible()).toBe(true)
    expect(await page.locator('#curl').textContent()).toContain(`curl -X POST ${running.url}/v1/t`)
    expect(await page.locator('#snippet').textContent()).toContain(`apiHost="${running.url}/v1"`)
  })

  it('counts by event and verdict, streams new events to the top, opens a row with its problems marked', async () => {
    await send(running.apiHost, 'Conversation Started', { conversationId: 'c-old' })
    page = await browser.newPage()
    await page.goto(running.url)
    const rows = page.locator('#events li')
    await expect.poll(() => rows.count()).toBe(1)
    await expect.poll(() => page.locator('#status').textContent()).toBe('live')
    expect(await page.locator('#empty').isVisible()).toBe(false)

    await send(running.apiHost, 'Feedback Submitted', { conversationId: 'c-new', messageId: 'm-1', rating: 'five' })
    await send(
      running.apiHost,
      'Message Sent',
      { conversationId: 'c-new', messageId: 'm-2', message_body: 'Hi', role: 'customer' },
      { userId: 'u-7' },
    )
    await expect.poll(() => rows.count()).toBe(3)
    expect(await rows.nth(0).getAttribute('data-event')).toBe('Message Sent')
    expect(await rows.nth(0).locator('.verdict').textContent()).toBe('✓ valid')
    expect(await rows.nth(1).locator('.verdict').textContent()).toContain('rating: rating must be a number, got string')
    // counts: 3 events, 1 with problems, per event name
    const counts = page.locator('#counts button')
    await expect.poll(() => counts.nth(0).textContent()).toBe('3events')
    expect(await counts.nth(2).textContent()).toBe('1with problems')
    expect(await page.locator('#counts button', { hasText: 'Feedback Submitted' }).textContent()).toContain(
      '1 with problems',
    )

    await rows.nth(1).locator('button.row').click()
    const problem = rows.nth(1).locator('.props dt.problem')
    expect(await problem.textContent()).toBe('rating')
    expect(await rows.nth(1).locator('.props dd.problem').textContent()).toContain('✗ rating must be a number')
    expect(await rows.nth(1).locator('button.row').getAttribute('aria-expanded')).toBe('true')
  })

  it('keeps the filters in the URL, across a reload', async () => {
    page = await browser.newPage()
    await page.goto(running.url)
    await expect.poll(() => page.locator('#events li').count()).toBe(3)
    await page.fill('#user', 'u-7')
    await expect.poll(() => page.locator('#events li:visible').count()).toBe(1)
    expect(new URL(page.url()).searchParams.get('user')).toBe('u-7')
    await page.fill('#user', '')
    await page.selectOption('#verdict', 'invalid')
    await page.fill('#conversation', 'c-new')
    await expect.poll(() => new URL(page.url()).search).toBe('?conversation=c-new&verdict=invalid')
    await page.reload()
    await expect.poll(() => page.locator('#events li:visible').count()).toBe(1)
    expect(await page.locator('#events li:visible').getAttribute('data-event')).toBe('Feedback Submitted')
    expect(await page.inputValue('#conversation')).toBe('c-new')
    // a count is a filter too
    await page.goto(running.url)
    await page.locator('#counts button', { hasText: 'Conversation Started' }).click()
    await expect.poll(() => page.locator('#events li:visible').count()).toBe(1)
    expect(new URL(page.url()).searchParams.get('event')).toBe('Conversation Started')
  })

  it('pauses and resumes the stream, and fits 390 px', async () => {
    page = await browser.newPage({ viewport: { width: 390, height: 800 } })
    await page.goto(running.url)
    await expect.poll(() => page.locator('#status').textContent()).toBe('live')
    const rows = page.locator('#events li')
    const before = await rows.count()
    await page.click('#pause')
    await send(running.apiHost, 'Message Received', {
      conversationId: 'c-new',
      messageId: 'm-3',
      message_body: 'Ok',
      role: 'agent',
    })
    await expect.poll(() => page.locator('#status').textContent()).toBe('paused · 1 new')
    expect(await rows.count()).toBe(before)
    await page.click('#pause')
    await expect.poll(() => rows.count()).toBe(before + 1)
    expect(await rows.nth(0).getAttribute('data-event')).toBe('Message Received')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  })
})

describe('the live page with a locked read side and a forwarder', () => {
  let server: Server
  let url: string
  let closeCollector: () => Promise<void>
  const reads: { path: string; authorization: string | undefined }[] = []
  beforeAll(async () => {
    // a host that locks the reads as the collector does with --write-key: 401 without Basic base64('k:')
    const collector = await createCollector({
      db: ':memory:',
      forward: { url: 'http://127.0.0.1:9/unreachable', backoff: { baseMs: 50, maxMs: 100 } },
    })
    closeCollector = () => collector.close()
    server = createServer((req, res) => {
      if (req.url?.startsWith('/api/')) {
        reads.push({ path: req.url, authorization: req.headers.authorization })
        if (req.headers.authorization !== `Basic ${Buffer.from('k:').toString('base64')}`) {
          res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"write key"}')
          return
        }
      }
      void collector.handle(req, res)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await closeCollector()
  })

  it('asks for the key once, keeps it for the tab, sends it on every read including the stream', async () => {
    await send(`${url}/v1`, 'Message Sent', {
      conversationId: 'c-1',
      messageId: 'm-1',
      message_body: 'x',
      role: 'customer',
    })
    const page = await browser.newPage()
    try {
      await page.goto(url)
      await expect.poll(() => page.locator('#auth').isVisible()).toBe(true)
      await page.fill('#key', 'k')
      await page.click('#auth button')
      await expect.poll(() => page.locator('#events li').count()).toBe(1)
      await expect.poll(() => page.locator('#status').textContent()).toBe('live')
      await send(`${url}/v1`, 'Message Received', {
        conversationId: 'c-1',
        messageId: 'm-2',
        message_body: 'y',
        role: 'agent',
      })
      await expect.poll(() => page.locator('#events li').count()).toBe(2)
      // the forwarder's state, failing against an unreachable receiver
      await expect.poll(() => page.locator('#forward').textContent(), { timeout: 15_000 }).toContain('2 queued')
      await expect
        .poll(() => page.locator('#forward .failing').first().textContent(), { timeout: 15_000 })
        .toBe('2 failing')
      expect(await page.locator('#forward').textContent()).toContain('last error')
      // a reload in the same tab does not ask again
      await page.reload()
      await expect.poll(() => page.locator('#events li').count()).toBe(2)
      expect(await page.locator('#auth').isVisible()).toBe(false)
      const authorized = reads.filter((read) => read.authorization)
      expect(authorized.map((read) => read.path)).toEqual(
        expect.arrayContaining(['/api/stream', '/api/counts', '/api/health', `/api/events?limit=1000`]),
      )
    } finally {
      await page.close()
    }
  })
})
