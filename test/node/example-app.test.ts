import { mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ExampleServer } from '../../example-app/server/createExampleServer'
import { type ExampleAppSession, startExampleApp } from '../support/exampleApp'

// The example app end to end: the real client build in real Chromium, the AI SDK with the scripted model,
// analytics-next sending to the embedded collector, and the insights page computed from what it stored.

let server: ExampleServer
let browser: Browser
let page: Page
let clientDir: string
/** Uncaught errors in the pages: the app must have none. */
let pageErrors: string[] = []
let app: ExampleAppSession | undefined

beforeAll(async () => {
  app = await startExampleApp()
  ;({ server, browser, page, clientDir, pageErrors } = app)
}, 120_000)

afterAll(() => app?.close())

type Row = Record<string, unknown> & { properties: Record<string, unknown> }
const trackEvents = async () =>
  (await server.collector.query(
    `SELECT event, conversation_id, chat_message_id, anonymous_id, user_id, valid, properties
     FROM events WHERE type = 'track' ORDER BY timestamp, received_at`,
  )) as Row[]

async function ask(text: string, on: Page = page) {
  const box = on.getByRole('textbox', { name: 'Message' })
  await box.fill(text)
  await box.press('Enter')
}

/** Waits until the answer is complete: its thumbs appear once it has finished streaming. */
async function answered(on: Page, answers: number) {
  await expect.poll(() => on.getByRole('button', { name: 'Good response' }).count(), { timeout: 20_000 }).toBe(answers)
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

  const components = page.getByRole('list', { name: 'Component popularity' })
  expect(await components.locator('.chart-label, .chart-value').allTextContents()).toEqual([
    'Stock Price Chart',
    '1 (1 conv.)',
    'Stock Purchase',
    '1 (1 conv.)',
  ])
  const byType = page.getByRole('list', { name: 'Average rating by message type' })
  // the chart's labels: what was rated, then its average rating (and how many ratings)
  expect(await byType.locator('.chart-label, .chart-value').allTextContents()).toEqual(['Stock Price Chart', '+1 (1)'])
  // a conversation ended with New chat says so
  expect(await page.locator('table .tag').allTextContents()).toEqual(['ended'])

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

// ---- after the numbers above: these tests add conversations of their own ----

it('resumes the current conversation after a reload in a fresh profile: same ID, its messages, one Conversation Started', async () => {
  const context = await browser.newContext()
  const fresh = await context.newPage()
  fresh.on('pageerror', (error) => pageErrors.push(error.message))
  try {
    await fresh.goto(server.url)
    await ask('Buy 10 AAPL', fresh)
    await fresh.getByRole('form', { name: 'Buy AAPL' }).waitFor({ timeout: 15_000 })
    await answered(fresh, 1)
    const conversationId = await fresh.evaluate(() => localStorage.getItem('newChatId'))
    expect(conversationId).toBeTruthy()
    const ofConversation = async () =>
      (await trackEvents()).filter((row) => row.conversation_id === conversationId).map((row) => row.event)
    await expect.poll(ofConversation, { timeout: 20_000, interval: 200 }).toContain('Message Received')

    await fresh.reload()
    // the conversation is back: its question, its answer with the form, the same ID
    await fresh.getByRole('form', { name: 'Buy AAPL' }).waitFor({ timeout: 15_000 })
    expect(await fresh.getByRole('article', { name: 'You' }).getByText('Buy 10 AAPL').count()).toBe(1)
    expect(await fresh.getByRole('heading', { name: 'Stocks copilot' }).count()).toBe(0)
    expect(await fresh.evaluate(() => localStorage.getItem('newChatId'))).toBe(conversationId)
    expect(await fresh.title()).toBe('Buy 10 AAPL · Stocks copilot')

    // the next message continues it: no second Conversation Started, the count goes on
    await ask("What's the price of AAPL?", fresh)
    await fresh.getByRole('figure', { name: 'AAPL price chart' }).waitFor({ timeout: 15_000 })
    await answered(fresh, 2)
    await openMenuIfPhone(fresh)
    await fresh.getByRole('button', { name: 'New chat' }).click()
    await expect.poll(ofConversation, { timeout: 20_000, interval: 200 }).toContain('Conversation Ended')
    const names = await ofConversation()
    expect(names.filter((n) => n === 'Conversation Started')).toHaveLength(1)
    expect(names.filter((n) => n === 'Message Sent')).toHaveLength(2)
    const ended = (await trackEvents()).find(
      (row) => row.event === 'Conversation Ended' && row.conversation_id === conversationId,
    )
    expect(ended?.properties).toMatchObject({ message_count: 4 })
  } finally {
    await context.close()
  }
}, 120_000)

/** On a phone the sidebar's controls are in the drawer. */
async function openMenuIfPhone(on: Page) {
  const menu = on.getByRole('button', { name: 'Menu', exact: true })
  if (await menu.isVisible()) await menu.click()
}

const SCREENS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'laptop', width: 1280, height: 800 },
] as const
const screenshotDir = join(tmpdir(), 'example-app-screens')

/** Fails when the page is wider than the window (content cut off, a sideways scroll). */
async function expectNoHorizontalOverflow(on: Page, what: string) {
  const [scrollWidth, innerWidth] = await on.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth])
  expect(scrollWidth, `${what} is ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth)
}

for (const screen of SCREENS) {
  it(`fits a ${screen.name} (${screen.width} × ${screen.height}): chat, drawer, insights and a conversation`, async () => {
    await mkdir(screenshotDir, { recursive: true })
    const context = await browser.newContext({ viewport: { width: screen.width, height: screen.height } })
    const on = await context.newPage()
    on.on('pageerror', (error) => pageErrors.push(error.message))
    const shot = async (view: string) => {
      const path = join(screenshotDir, `${screen.name}-${view}.png`)
      await on.screenshot({ path, fullPage: view !== 'chat' })
      expect((await stat(path)).size).toBeGreaterThan(5_000)
      await expectNoHorizontalOverflow(on, `${view} on a ${screen.name}`)
    }
    try {
      await on.goto(server.url)
      await on.getByRole('heading', { name: 'Stocks copilot' }).waitFor({ timeout: 15_000 })
      await shot('welcome')
      const newChat = on.getByRole('button', { name: 'New chat' })
      const phone = screen.width < 720
      // the sidebar is there on a laptop; on a phone it waits behind the menu button
      expect(await newChat.isVisible()).toBe(!phone)

      await ask("What's the price of NVDA?", on)
      await on.getByRole('figure', { name: 'NVDA price chart' }).waitFor({ timeout: 15_000 })
      await ask('Show me trending stocks', on)
      const list = on.getByRole('list', { name: 'Stocks' })
      await list.waitFor({ timeout: 15_000 })
      await answered(on, 2)
      // every stock's price and change is inside its card (none cut off)
      const card = await list.boundingBox()
      for (const cell of await list.locator('.up, .down').all()) {
        const box = await cell.boundingBox()
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual((card?.x ?? 0) + (card?.width ?? 0))
      }
      // the composer fits, its placeholder too
      const composer = await on.getByRole('textbox', { name: 'Message' }).boundingBox()
      const send = await on.getByRole('button', { name: 'Send' }).boundingBox()
      expect((send?.x ?? 0) + (send?.width ?? 0)).toBeLessThanOrEqual(screen.width)
      expect(
        await on
          .getByRole('textbox', { name: 'Message' })
          .evaluate((box: HTMLTextAreaElement) => box.scrollWidth <= box.clientWidth),
      ).toBe(true)
      expect(composer?.width).toBeGreaterThan(150)
      // thumbs are 44 px hit targets
      const thumb = await on.getByRole('button', { name: 'Good response' }).first().boundingBox()
      expect(thumb?.width).toBeGreaterThanOrEqual(44)
      expect(thumb?.height).toBeGreaterThanOrEqual(44)
      await shot('chat')

      if (phone) {
        const menu = on.getByRole('button', { name: 'Menu', exact: true })
        expect(await menu.getAttribute('aria-expanded')).toBe('false')
        await menu.click()
        await newChat.waitFor({ state: 'visible' })
        expect(await menu.getAttribute('aria-expanded')).toBe('true')
        // focus moved into the drawer; Escape closes it and gives focus back
        expect(await on.evaluate(() => document.activeElement?.closest('aside')?.id)).toBe('sidebar')
        await shot('drawer')
        await on.keyboard.press('Escape')
        await newChat.waitFor({ state: 'hidden' })
        expect(await on.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Menu')
      }

      await on.goto(`${server.url}/insights`)
      await shot('insights')
      // the conversations table scrolls inside its card on a phone, the page does not
      const table = on.getByRole('region', { name: 'Conversations table' })
      const fits = await table.evaluate((el) => el.scrollWidth <= el.clientWidth)
      expect(fits).toBe(!phone)
      await on.locator('table a').first().click()
      await on.getByRole('heading', { name: /^Conversation / }).waitFor()
      await shot('conversation')
    } finally {
      await context.close()
    }
    console.log(`screenshots: ${screenshotDir}`)
  }, 120_000)
}

const axeSource = async () => readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** axe-core's serious and critical violations on the page, as "rule: target" lines. */
async function seriousViolations(on: Page): Promise<string[]> {
  if (!(await on.evaluate(() => 'axe' in window))) await on.addScriptTag({ content: await axeSource() })
  return on.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe
    type AxeViolation = { id: string; impact: string | null; nodes: { target: unknown[] }[] }
    const { violations } = await axe.run()
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((node) => `${v.id}: ${JSON.stringify(node.target)}`))
  })
}

it('has no serious or critical accessibility violations (axe-core) on the chat, insights and a conversation', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const on = await context.newPage()
  try {
    await on.goto(server.url)
    await ask("What's the price of NVDA?", on)
    await on.getByRole('figure', { name: 'NVDA price chart' }).waitFor({ timeout: 15_000 })
    await ask("Draw a card of today's movers", on)
    await on.locator('.media img').waitFor({ timeout: 15_000 })
    await answered(on, 2)
    // the devtools panel open too: it is part of the page a newcomer sees
    await on.getByRole('button', { name: /Copilot events/ }).click()
    expect(await seriousViolations(on)).toEqual([])
    await on.goto(`${server.url}/insights`)
    expect(await seriousViolations(on)).toEqual([])
    await on.locator('table a').first().click()
    await on.getByRole('heading', { name: /^Conversation / }).waitFor()
    expect(await seriousViolations(on)).toEqual([])
    await on.setViewportSize({ width: 390, height: 844 })
    await on.goto(server.url)
    await on.getByRole('button', { name: 'Menu', exact: true }).click()
    expect(await seriousViolations(on)).toEqual([])
  } finally {
    await context.close()
  }
}, 120_000)

it('works with the keyboard alone, with a visible focus ring', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const on = await context.newPage()
  try {
    await on.goto(server.url)
    await on.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 15_000 })
    // Tab through the page until the message box: every stop shows where the focus is
    const stops: string[] = []
    for (let i = 0; i < 40; i += 1) {
      await on.keyboard.press('Tab')
      const focused = await on.evaluate(() => {
        const el = document.activeElement as HTMLElement
        const style = getComputedStyle(el)
        return {
          name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName,
          tag: el.tagName,
          ring: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
        }
      })
      stops.push(focused.name)
      expect(focused.ring, `no visible focus on ${focused.name}`).toBe(true)
      if (focused.tag === 'TEXTAREA') break
    }
    expect(stops).toContain('New chat')
    expect(stops).toContain('Sign in')
    expect(stops.at(-1)).not.toBe(stops[0])
    await on.keyboard.type('Show me trending stocks')
    await on.keyboard.press('Enter')
    const list = on.getByRole('list', { name: 'Stocks' })
    await list.waitFor({ timeout: 15_000 })
    await answered(on, 1)
    // a stock of the list opens its chart from the keyboard
    await list.getByRole('button').first().focus()
    await on.keyboard.press('Enter')
    const chart = on.getByRole('figure', { name: 'AMD price chart' })
    await chart.waitFor({ timeout: 15_000 })
    // the chart reads out each session's date and close with the arrow keys
    const svg = chart.getByRole('img')
    expect(await svg.getAttribute('aria-label')).toMatch(
      /^AMD closing prices over 12 sessions from \w{3} \d+ to \w{3} \d+: low \$[\d.,]+, high \$[\d.,]+, last \$164\.08\.$/,
    )
    const readout = chart.locator('.readout')
    expect(await readout.textContent()).toContain('$164.08 · last close')
    await svg.focus()
    await on.keyboard.press('Home')
    const firstDay = await readout.textContent()
    expect(firstDay).not.toContain('last close')
    await on.keyboard.press('ArrowRight')
    expect(await readout.textContent()).not.toBe(firstDay)
    // and the pointer: hovering the chart's left edge shows the first session
    await on.mouse.move(0, 0)
    const box = await svg.boundingBox()
    await on.mouse.move((box?.x ?? 0) + 4, (box?.y ?? 0) + (box?.height ?? 0) / 2)
    expect(await readout.textContent()).toBe(firstDay)
    // the last price is marked on the axis
    expect(await chart.locator('.last-label').textContent()).toBe('164.08')
    // thumbs from the keyboard
    const good = on.getByRole('button', { name: 'Good response' }).first()
    await good.focus()
    await on.keyboard.press('Space')
    expect(await good.getAttribute('aria-pressed')).toBe('true')
  } finally {
    await context.close()
  }
}, 120_000)

it('shows stocks only, a generated chart card with a caption, and the devtools switch', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const on = await context.newPage()
  try {
    await on.goto(server.url)
    await ask('Show me trending stocks', on)
    // the answer streams in: wait for the list, then read it
    const symbols = () => on.getByRole('list', { name: 'Stocks' }).locator('.symbol').allTextContents()
    await expect.poll(symbols, { timeout: 15_000 }).toEqual(['AMD', 'TSLA', 'NVDA', 'AMZN'])

    await ask("Draw a card of today's movers", on)
    const media = on.locator('figure.media')
    await media.locator('img').waitFor({ timeout: 15_000 })
    // a real picture, decoded by the browser, described for those who cannot see it
    const image = await media
      .locator('img')
      .evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, alt: img.alt, shown: img.clientWidth }))
    expect(image.width).toBe(480)
    expect(image.shown).toBeGreaterThan(300)
    expect(image.alt).toContain('AMD +5.2%')
    const caption = await media.locator('figcaption').textContent()
    expect(caption).toBe('Generated by the copilot for this answer · image')
    expect(caption).not.toContain('/')

    // the devtools are on by default here (development: served from this machine), and the sidebar turns them off
    const toggle = on.getByRole('checkbox', { name: 'Show events (devtools)' })
    expect(await toggle.isChecked()).toBe(true)
    const devtools = on.getByRole('button', { name: /^Copilot events/ })
    await devtools.click()
    await on.getByRole('region', { name: 'Copilot Analytics devtools' }).waitFor()
    expect(
      await on
        .getByRole('list', { name: 'Events, newest first' })
        .getByRole('button', { name: /^Media Generated/ })
        .count(),
    ).toBe(1)
    await toggle.uncheck()
    await devtools.waitFor({ state: 'detached' })
    await on.reload()
    await on.getByRole('textbox', { name: 'Message' }).waitFor()
    expect(await on.getByRole('checkbox', { name: 'Show events (devtools)' }).isChecked()).toBe(false)
    expect(await on.getByRole('button', { name: /^Copilot events/ }).count()).toBe(0)
  } finally {
    await context.close()
  }
}, 120_000)

it('answers unknown URLs with a 404 page, has a favicon and a title per page', async () => {
  const missing = await fetch(`${server.url}/no/such/page`)
  expect(missing.status).toBe(404)
  expect(missing.headers.get('content-type')).toContain('text/html')
  const html = await missing.text()
  expect(html).toContain('<title>Page not found · Stocks copilot</title>')
  expect(html).toContain('<a href="/">Back to the chat</a>')
  // a malformed percent-encoding is the client's mistake: 400, never a 500 (nor the chat)
  expect((await fetch(`${server.url}/%E0%A4%A`)).status).toBe(400)

  const favicon = await fetch(`${server.url}/favicon.svg`)
  expect(favicon.status).toBe(200)
  expect(favicon.headers.get('content-type')).toBe('image/svg+xml')
  for (const path of ['/', '/insights', '/no/such/page']) {
    expect(await (await fetch(`${server.url}${path}`)).text()).toContain('<link rel="icon" href="/favicon.svg"')
  }
  // /index.html is the chat with its config, not the bare file
  expect(await (await fetch(`${server.url}/index.html`)).text()).toContain('window.__EXAMPLE_CONFIG__')

  const context = await browser.newContext()
  const on = await context.newPage()
  try {
    await on.goto(server.url)
    await on.getByRole('heading', { name: 'Stocks copilot' }).waitFor({ timeout: 15_000 })
    expect(await on.title()).toBe('New chat · Stocks copilot')
    await on.goto(`${server.url}/insights`)
    expect(await on.title()).toBe('Insights · Stocks copilot')
    await on.locator('table a').first().click()
    expect(await on.title()).toMatch(/^Conversation .+ · Insights$/)
  } finally {
    await context.close()
  }
  expect(pageErrors).toEqual([])
}, 60_000)
