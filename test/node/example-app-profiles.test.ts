import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ExampleServer } from '../../example-app/server/createExampleServer'
import { type ExampleAppSession, startExampleApp } from '../support/exampleApp'

// Closing the loop in the example app, end to end in Chromium: what a visitor does becomes computed traits in the
// collector, the chat server reads them through the Profile API, and the copilot's answers use them.

let server: ExampleServer
let page: Page
let app: ExampleAppSession | undefined

beforeAll(async () => {
  app = await startExampleApp()
  ;({ server, page } = app)
}, 120_000)

afterAll(() => app?.close())

async function ask(text: string) {
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill(text)
  await box.press('Enter')
}

/** The text of the newest answer, once it has finished streaming (its thumbs appear then). */
async function lastAnswer(answers: number): Promise<string> {
  await expect
    .poll(() => page.getByRole('button', { name: 'Good response' }).count(), { timeout: 30_000 })
    .toBe(answers)
  return ((await page.locator('.message.assistant').last().textContent()) ?? '').replace(/\s+/g, ' ')
}

const stored = (event: string) =>
  server.collector
    .query(`SELECT count(*)::INTEGER AS n FROM events WHERE event = ?`, [event])
    .then((rows) => rows[0]?.n)

it('a visitor views NVDA twice, signs in, starts a new chat: the first answer remembers NVDA', async () => {
  await page.goto(server.url)
  await page.getByRole('heading', { name: 'Stocks copilot' }).waitFor({ timeout: 20_000 })
  await ask("What's the price of NVDA?")
  await page.getByRole('figure', { name: 'NVDA price chart' }).waitFor({ timeout: 20_000 })
  await lastAnswer(1)
  await ask('And NVDA again?')
  await expect.poll(() => page.getByRole('figure', { name: 'NVDA price chart' }).count(), { timeout: 20_000 }).toBe(2)
  await lastAnswer(2)
  await ask('Show me AAPL')
  await page.getByRole('figure', { name: 'AAPL price chart' }).waitFor({ timeout: 20_000 })
  await lastAnswer(3)
  // the three charts are stored before the next answer reads the profile
  await expect.poll(() => stored('Component Loaded'), { timeout: 20_000 }).toBeGreaterThanOrEqual(3)

  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect
    .poll(
      () =>
        server.collector
          .query(`SELECT 1 FROM events WHERE type = 'identify' AND user_id = 'user-ada'`)
          .then((rows) => rows.length),
      { timeout: 20_000 },
    )
    .toBe(1)
  await page.getByRole('button', { name: 'New chat' }).click()
  await ask('Hello')
  const welcome = await lastAnswer(1)
  expect(welcome).toContain('Welcome back: you look at NVDA most often.')

  // the new conversation's events reach the collector before the next question (as they would for a person)
  await expect.poll(() => stored('Conversation Started'), { timeout: 20_000 }).toBe(2)
  await ask('What do you know about me?')
  const about = await lastAnswer(2)
  // the visitor's anonymous history counts toward the signed-in user's profile
  expect(about).toContain('most viewed stock: NVDA')
  expect(about).toContain('price charts viewed: 3')
  expect(about).toContain('conversations started: 2')
  expect(about).toContain('plan: pro')
  expect(about).toContain('Profile API')
})

it('the People view lists the profile with its traits, linked to its conversations', async () => {
  const html = await (await fetch(`${server.url}/insights/people`)).text()
  expect(html).toContain('user-ada')
  expect(html).toContain('NVDA')
  expect(html.match(/href="\/insights\/conversations\//g)?.length).toBe(2)
  const traits = (await (
    await fetch(`${server.url}/v1/spaces/example-app/collections/users/profiles/user_id:user-ada/traits?limit=200`)
  ).json()) as { traits: Record<string, unknown> }
  expect(traits.traits).toMatchObject({ most_viewed_stock: 'NVDA', stocks_viewed: 3, name: 'Ada Lovelace' })
})
