// The live page in real Chromium: history on load, new events streamed in without a reload (newest first), the
// spec's verdict on each, and the event-name and conversation filters.
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type RunningCollector, startCollector } from '../../src/collector'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'

let browser: Browser
let running: RunningCollector
beforeAll(async () => {
  ;[browser, running] = await Promise.all([
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
    startCollector({ port: 0, db: ':memory:' }),
  ])
})
afterAll(async () => {
  await browser?.close()
  await running?.close()
})

let n = 0
const send = (event: string, properties: Record<string, unknown>) =>
  fetch(`${running.apiHost}/t`, {
    method: 'POST',
    body: JSON.stringify({ type: 'track', event, properties, anonymousId: 'a-1', messageId: `live-${++n}` }),
  })

it('shows stored events, streams new ones to the top with their verdict, and filters them', async () => {
  await send('Conversation Started', { conversationId: 'c-old' })
  const page = await browser.newPage()
  await page.goto(running.url)
  const rows = page.locator('#events tr')
  await expect.poll(() => rows.count()).toBe(1)
  await expect.poll(() => page.locator('#status').textContent()).toBe('live')

  await send('Feedback Submitted', { conversationId: 'c-new', messageId: 'm-1', rating: 'five' })
  await send('Message Sent', { conversationId: 'c-new', messageId: 'm-2', message_body: 'Hi', role: 'customer' })
  await expect.poll(() => rows.count()).toBe(3)
  expect(await rows.nth(0).getAttribute('data-event')).toBe('Message Sent')
  expect(await rows.nth(0).locator('td').nth(3).textContent()).toBe('✓ valid')
  const feedback = rows.nth(1)
  expect(await feedback.getAttribute('data-event')).toBe('Feedback Submitted')
  expect(await feedback.locator('td').nth(3).textContent()).toContain('rating: rating must be a number, got string')

  await page.fill('#event', 'feedback')
  await expect.poll(() => page.locator('#events tr:visible').count()).toBe(1)
  await page.fill('#event', '')
  await page.fill('#conversation', 'c-old')
  await expect.poll(() => page.locator('#events tr:visible').count()).toBe(1)
  expect(await page.locator('#events tr:visible').getAttribute('data-event')).toBe('Conversation Started')
  await page.close()
})
