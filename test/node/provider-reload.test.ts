// An app that only uses the provider (no conversationId of its own) resumes its conversation after a reload:
// real Chromium, a fresh profile, analytics-next sending to our collector.
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type RunningCollector, startCollector } from '../../src/collector'
import { servePage } from '../browser/support/servePage'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'

let browser: Browser
let page: { url: string; close(): Promise<void> }
let collector: RunningCollector

beforeAll(async () => {
  ;[browser, page, collector] = await Promise.all([
    chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }),
    servePage('conversationPage.tsx'),
    startCollector({ port: 0, db: ':memory:' }),
  ])
}, 60_000)
afterAll(async () => {
  await browser?.close()
  await page?.close()
  await collector?.close()
})

type Row = { event: string; conversation_id: string; properties: Record<string, unknown> }
const tracks = async () =>
  (await collector.collector.query(
    `SELECT event, conversation_id, properties FROM events WHERE type = 'track' ORDER BY timestamp, received_at`,
  )) as Row[]

it('resumes the conversation after a reload: same ID, message_count carries on, one Conversation Started', async () => {
  const context = await browser.newContext()
  const tab = await context.newPage()
  const url = `${page.url}/?apiHost=${encodeURIComponent(`${collector.apiHost}`)}`
  const shown = async () => [
    await tab.getByTestId('conversation').textContent(),
    await tab.getByTestId('count').textContent(),
  ]
  try {
    await tab.goto(url)
    await tab.getByRole('button', { name: 'Ask' }).click()
    await tab.getByRole('button', { name: 'Answer' }).click()
    const [id] = await shown()
    expect(await shown()).toEqual([id, '2'])
    expect(await tab.evaluate(() => localStorage.getItem('newChatId'))).toBe(id)
    await expect.poll(async () => (await tracks()).length, { timeout: 20_000 }).toBe(3)

    await tab.reload()
    await tab.getByRole('button', { name: 'Ask' }).waitFor()
    expect(await shown()).toEqual([id, '2'])
    await tab.getByRole('button', { name: 'Ask' }).click()
    await tab.getByRole('button', { name: 'End' }).click()
    await expect
      .poll(async () => (await tracks()).map((row) => row.event), { timeout: 20_000 })
      .toContain('Conversation Ended')
    const events = await tracks()
    expect(events.map((row) => row.event)).toEqual([
      'Conversation Started',
      'Message Sent',
      'Message Received',
      'Message Sent',
      'Conversation Ended',
    ])
    expect(events.every((row) => row.conversation_id === id)).toBe(true)
    expect(events.at(-1)?.properties).toMatchObject({ message_count: 3 })
  } finally {
    await context.close()
  }
}, 90_000)
