import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createExampleServer, type ExampleServer } from '../../example-app/server/createExampleServer'
import { createScriptedModel } from '../../example-app/server/scriptedModel'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'

// The example app end to end: the real client build in real Chromium, the AI SDK with the scripted model,
// analytics-next sending to the embedded collector, and the insights page computed from what it stored.

let server: ExampleServer
let browser: Browser
let page: Page
let clientDir: string
/** Uncaught errors in the page: the app must have none. */
const pageErrors: string[] = []

beforeAll(async () => {
  clientDir = await mkdtemp(join(tmpdir(), 'example-app-client-'))
  await build({
    configFile: join(import.meta.dirname, '../../example-app/vite.config.ts'),
    build: { outDir: clientDir, emptyOutDir: true, sourcemap: false },
    logLevel: 'warn',
  })
  server = await createExampleServer({
    port: 0,
    db: ':memory:',
    clientDir,
    model: createScriptedModel({ chunkDelayMs: 2 }),
  })
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  page = await browser.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
}, 90_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  if (clientDir) await rm(clientDir, { recursive: true, force: true })
})

type Row = Record<string, unknown> & { properties: Record<string, unknown> }
const trackEvents = async () =>
  (await server.collector.query(
    `SELECT event, conversation_id, chat_message_id, anonymous_id, user_id, valid, properties
     FROM events WHERE type = 'track' ORDER BY timestamp, received_at`,
  )) as Row[]

async function ask(text: string) {
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill(text)
  await box.press('Enter')
}

it('holds a scripted conversation and stores every spec event in the collector', async () => {
  await page.goto(server.url)
  await page
    .getByRole('heading', { name: 'Stocks copilot' })
    .waitFor({ timeout: 15_000 })
    .catch(() => {
      throw new Error(`the chat did not render; page errors: ${pageErrors.join('; ') || 'none'}`)
    })
  await ask("What's the price of NVDA?")
  const chart = page.getByRole('figure', { name: 'NVDA price chart' })
  await chart.waitFor({ timeout: 15_000 })
  expect(await page.getByText('NVIDIA Corporation (NVDA) trades at $181.42').count()).toBe(1)

  await ask('Buy 10 NVDA')
  const form = page.getByRole('form', { name: 'Buy NVDA' })
  await form.waitFor({ timeout: 15_000 })
  await form.getByRole('button', { name: 'Purchase' }).click()
  await page.getByRole('status').filter({ hasText: 'Purchased 10 NVDA for $1,814.20' }).waitFor()

  // rate the answer that came with the chart
  const good = page.getByRole('button', { name: 'Good response' }).first()
  await good.click()
  expect(await good.getAttribute('aria-pressed')).toBe('true')

  await page.getByRole('button', { name: 'New chat' }).click()
  // the new chat opens empty, with its suggestions
  await page.getByRole('main').getByRole('button', { name: "What's the price of NVDA?" }).waitFor()

  await expect
    .poll(async () => (await trackEvents()).map((row) => row.event), { timeout: 20_000, interval: 200 })
    .toContain('Conversation Ended')
  const events = await trackEvents()
  const names = events.map((row) => row.event)
  expect(names.filter((n) => n === 'Conversation Started')).toHaveLength(1)
  expect(names.filter((n) => n === 'Message Sent')).toHaveLength(2)
  expect(names.filter((n) => n === 'Message Received')).toHaveLength(2)

  const conversationIds = new Set(events.map((row) => row.conversation_id))
  expect(conversationIds.size).toBe(1)
  expect(events.every((row) => row.valid === true)).toBe(true)

  const [firstSent, firstReceived] = events.filter(
    (row) => row.event === 'Message Sent' || row.event === 'Message Received',
  )
  expect(firstSent?.properties).toMatchObject({ message_body: "What's the price of NVDA?", role: 'customer' })
  expect(firstReceived?.properties).toMatchObject({ role: 'agent', model: 'scripted-stocks-1' })
  expect(String(firstReceived?.properties.message_body)).toContain('NVDA')

  const chartLoaded = events.find(
    (row) => row.event === 'Component Loaded' && row.properties.type === 'Stock Price Chart',
  )
  expect(chartLoaded?.properties.messageId).toBe(firstReceived?.properties.messageId)
  expect(events.filter((row) => row.event === 'Component Loaded').map((row) => row.properties.type)).toEqual([
    'Stock Price Chart',
    'Stock Purchase',
  ])

  const actions = events
    .filter((row) => row.event === 'Action Invoked')
    .map((row) => [row.properties.type, row.properties.role])
  expect(actions).toEqual([
    ['Stock Price Lookup', 'agent'],
    ['Stock Purchase Form', 'agent'],
    ['Stock Purchase', 'customer'],
  ])
  expect(events.find((row) => row.event === 'Stock Purchased')?.properties).toMatchObject({
    symbol: 'NVDA',
    numberOfShares: 10,
    total: 1814.2,
  })
  expect(events.find((row) => row.event === 'Feedback Submitted')?.properties).toMatchObject({
    rating: 1,
    messageId: firstReceived?.properties.messageId,
  })
  expect(events.find((row) => row.event === 'Conversation Ended')?.properties).toMatchObject({ message_count: 4 })

  const identifies = await server.collector.query(`SELECT anonymous_id FROM events WHERE type = 'identify'`)
  expect(identifies[0]?.anonymous_id).toBe(events[0]?.anonymous_id)
  expect(pageErrors).toEqual([])
}, 120_000)

it('switches back to the earlier chat from the history, and signs the visitor in', async () => {
  await page
    .getByRole('navigation', { name: 'Chat history' })
    .getByRole('button', { name: "What's the price of NVDA?" })
    .click()
  await page.getByRole('figure', { name: 'NVDA price chart' }).waitFor()
  expect(await page.getByRole('status').filter({ hasText: 'Purchased 10 NVDA' }).count()).toBe(1)

  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByText('Signed in as').waitFor()
  const anonymousId = (await trackEvents())[0]?.anonymous_id
  await expect
    .poll(
      async () =>
        server.collector.query(
          `SELECT user_id, anonymous_id FROM events WHERE type = 'identify' AND user_id IS NOT NULL`,
        ),
      { timeout: 15_000, interval: 200 },
    )
    .toEqual([{ user_id: 'user-ada', anonymous_id: anonymousId }])
}, 60_000)

it('shows the numbers of that conversation on the insights page', async () => {
  await page.goto(`${server.url}/insights`)
  const metric = (name: string) => page.locator(`[data-metric="${name}"] .value`).first().textContent()
  expect(await metric('conversations')).toBe('1')
  expect(await metric('messages')).toBe('4')
  expect(await metric('purchases')).toBe('1')
  expect(await metric('revenue')).toBe('$1,814.20')
  expect(await metric('funnel-conversations')).toBe('1')
  expect(await metric('funnel-component')).toBe('1')
  expect(await metric('funnel-purchase')).toBe('1')
  expect(await metric('median-messages-to-purchase')).toBe('4')

  const components = page.getByRole('img', { name: 'Component popularity' })
  expect(await components.locator('text').allTextContents()).toEqual([
    'Stock Price Chart',
    '1 (1 conv.)',
    'Stock Purchase',
    '1 (1 conv.)',
  ])
  const byType = page.getByRole('img', { name: 'Average rating by message type' })
  // the chart's labels: what was rated, then its average rating (and how many ratings)
  expect(await byType.locator('text').allTextContents()).toEqual(['Stock Price Chart', '+1 (1)'])

  // drill down into the conversation: each of its events, in order
  await page.locator('table a').first().click()
  await page.getByRole('heading', { name: /^Conversation / }).waitFor()
  const rows = await page.locator('tbody tr td:nth-child(2) strong').allTextContents()
  expect(rows[0]).toBe('Conversation Started')
  expect(rows).toContain('Stock Purchased')
  expect(rows.at(-1)).toBe('Conversation Ended')
}, 60_000)

it("loads the kit's pipeline as a chunk of its own, after the app's first bundle", async () => {
  // what the page's <script> loads first, and the chunks it imports on demand
  const html = await readFile(join(clientDir, 'index.html'), 'utf8')
  const entry = /<script type="module"[^>]* src="\/([^"]+)"/.exec(html)?.[1]
  expect(entry).toBeDefined()
  const assets = (await readdir(join(clientDir, 'assets'))).filter((name) => name.endsWith('.js'))
  const read = (name: string) => readFile(join(clientDir, 'assets', name), 'utf8')
  // a string only the pipeline has: its reason for an event dropped from a full consent queue
  const withPipeline = []
  for (const name of assets) if ((await read(name)).includes('consent queue full')) withPipeline.push(name)
  expect(withPipeline).toHaveLength(1)
  expect(`assets/${withPipeline[0]}`).not.toBe(entry)
  // and the page did load it: the conversation above reached the collector through it
  const requested: string[] = []
  page.on('request', (request) => requested.push(new URL(request.url()).pathname))
  await page.goto(server.url)
  await page.getByRole('textbox', { name: 'Message' }).waitFor()
  await expect.poll(() => requested).toContain(`/assets/${withPipeline[0]}`)
}, 60_000)
