/**
 * Takes the README screenshots (docs/screenshots/chat.png and insights.png) with Debian's Chromium:
 * `npx tsx example-app/scripts/screenshots.ts` after `npm run build:example`. Uses an in-memory database.
 */
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/chromium'
import { createExampleServer } from '../server/createExampleServer'

const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
const server = await createExampleServer({ port: 0, db: ':memory:' })
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })

async function ask(page: Page, text: string, waitFor: string) {
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill(text)
  await box.press('Enter')
  await page.locator(waitFor).last().waitFor({ timeout: 20_000 })
  // wait for the answer to finish streaming (the feedback buttons appear then)
  await page
    .getByRole('button', { name: 'Send' })
    .and(page.locator(':not([disabled])'))
    .or(page.locator('textarea'))
    .first()
    .waitFor()
  await page.waitForFunction(() => !document.querySelector('.typing'))
}

try {
  await mkdir(out, { recursive: true })
  const page = await browser.newPage({ viewport: { width: 1280, height: 1040 }, deviceScaleFactor: 1 })
  await page.goto(server.url)

  // an earlier conversation, so the history sidebar and the insights have more than one
  await ask(page, 'Show me trending stocks', '.stock-list')
  await page.getByRole('button', { name: 'Bad response' }).last().click()
  await page.getByRole('button', { name: 'New chat' }).click()

  await ask(page, "What's the price of NVDA?", '.stock-chart')
  await page.getByRole('button', { name: 'Good response' }).last().click()
  await ask(page, 'Buy 10 NVDA', 'form.purchase')
  await page.getByRole('button', { name: 'Purchase' }).click()
  await page.getByText('Purchased 10 NVDA').waitFor()
  await ask(page, 'Celebrate with a gif', '.media img')
  await page.getByRole('button', { name: 'Good response' }).last().click()
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForTimeout(300) // let the GIF paint a later frame
  await page.screenshot({ path: `${out}chat.png` })

  await page.getByRole('button', { name: 'New chat' }).click()
  // events are delivered asynchronously: wait until the collector has the last one
  for (let tries = 0; tries < 100; tries += 1) {
    const rows = await server.collector.query(`SELECT count(*) AS n FROM events WHERE event = 'Conversation Ended'`)
    if (Number(rows[0]?.n) >= 2) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await page.goto(`${server.url}/insights`)
  await page.screenshot({ path: `${out}insights.png`, fullPage: true })
  const events = await server.collector.query(`SELECT event, type, properties FROM events ORDER BY timestamp`)
  for (const e of events) console.log(e.type, e.event ?? '', JSON.stringify(e.properties).slice(0, 240))
} finally {
  await browser.close()
  await server.close()
}
