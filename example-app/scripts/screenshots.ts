/**
 * Takes the README screenshots with Debian's Chromium, from a fresh client build and an in-memory database:
 * `npx tsx example-app/scripts/screenshots.ts`. Writes docs/screenshots/: chat.png and insights.png (laptop,
 * 1280 wide), devtools.png (the event inspector open), chat-phone.png, menu-phone.png and insights-phone.png (phone,
 * 390 × 844).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/chromium'
import { createExampleServer, type ExampleServer } from '../server/createExampleServer'

const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))

async function ask(page: Page, text: string, waitFor: string) {
  const answers = await page.getByRole('button', { name: 'Good response' }).count()
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill(text)
  await box.press('Enter')
  await page.locator(waitFor).last().waitFor({ timeout: 20_000 })
  // the answer has finished streaming once its thumbs appear
  await page.waitForFunction(
    (before) => document.querySelectorAll('[aria-label="Good response"]').length > before,
    answers,
    { timeout: 20_000 },
  )
}

/** Waits until the collector has stored `count` events named `event` (delivery is asynchronous). */
async function stored(server: ExampleServer, event: string, count: number) {
  for (let tries = 0; tries < 100; tries += 1) {
    const rows = await server.collector.query('SELECT count(*) AS n FROM events WHERE event = ?', [event])
    if (Number(rows[0]?.n) >= count) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** A conversation worth showing: a chart, a purchase, a generated chart card, feedback. */
async function converse(page: Page, server: ExampleServer, ended: number) {
  await ask(page, 'Show me trending stocks', '.stock-list')
  await page.getByRole('button', { name: 'Bad response' }).last().click()
  // on a phone New chat is in the drawer
  const menu = page.getByRole('button', { name: 'Menu', exact: true })
  if (await menu.isVisible()) await menu.click()
  await page.getByRole('button', { name: 'New chat' }).click()
  await stored(server, 'Conversation Ended', ended)

  await ask(page, "What's the price of NVDA?", '.stock-chart')
  await page.getByRole('button', { name: 'Good response' }).last().click()
  await ask(page, 'Buy 10 NVDA', 'form.purchase')
  await page.getByRole('button', { name: 'Purchase' }).click()
  await page.getByText('Purchased 10 NVDA').waitFor()
  await ask(page, "Draw a card of today's movers", '.media img')
  await page.getByRole('button', { name: 'Good response' }).last().click()
}

async function laptop(browser: Browser, server: ExampleServer) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 })
  await page.goto(server.url)
  await converse(page, server, 1)
  await page.getByRole('button', { name: 'Sign in' }).click()
  // the chat keeps its newest answer in view: the purchase, then the generated card
  await page.screenshot({ path: `${out}chat.png` })
  await page.getByRole('button', { name: /^Copilot events/ }).click()
  await page.getByRole('region', { name: 'Copilot Analytics devtools' }).waitFor()
  await page.screenshot({ path: `${out}devtools.png` })
  await page.getByRole('button', { name: /^Copilot events/ }).click()
  await page.getByRole('button', { name: 'New chat' }).click()
  await stored(server, 'Conversation Ended', 2)
  await page.goto(`${server.url}/insights`)
  await page.screenshot({ path: `${out}insights.png`, fullPage: true })
  await page.close()
}

async function phone(browser: Browser, server: ExampleServer) {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true })
  await page.goto(server.url)
  await converse(page, server, 3)
  await page.locator('.stock-chart').last().scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${out}chat-phone.png` })
  await page.getByRole('button', { name: 'Menu', exact: true }).click()
  await page.waitForTimeout(300) // the drawer slides in
  await page.screenshot({ path: `${out}menu-phone.png` })
  await page.goto(`${server.url}/insights`)
  await page.screenshot({ path: `${out}insights-phone.png` })
  await page.close()
}

const clientDir = await mkdtemp(join(tmpdir(), 'example-app-screenshots-'))
await build({
  configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
  build: { outDir: clientDir, emptyOutDir: true },
  logLevel: 'warn',
})
const server = await createExampleServer({ port: 0, db: ':memory:', clientDir })
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
try {
  await mkdir(out, { recursive: true })
  await laptop(browser, server)
  await phone(browser, server)
  console.log(`screenshots written to ${out}`)
} finally {
  await browser.close()
  await server.close()
  await rm(clientDir, { recursive: true, force: true })
}
