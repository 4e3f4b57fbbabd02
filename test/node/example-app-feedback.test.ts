import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ExampleServer } from '../../example-app/server/createExampleServer'
import type { Insights } from '../../example-app/server/insights'
import { type ExampleAppSession, startExampleApp } from '../support/exampleApp'

// A user who changes their mind: thumbs up, then down, on one answer of the example app, in real Chromium, through
// analytics-next to the embedded collector. Insights count the last rating once; after a reload the thumbs show it.

let server: ExampleServer
let page: Page
/** Uncaught errors in the pages: the app must have none. */
let pageErrors: string[] = []
let app: ExampleAppSession | undefined

beforeAll(async () => {
  app = await startExampleApp()
  ;({ server, page, pageErrors } = app)
}, 120_000)

afterAll(() => app?.close())

const insights = async (): Promise<Insights> => (await (await fetch(`${server.url}/api/insights`)).json()) as Insights

it('thumbs up then down on one answer: insights show one −1, and the thumbs show −1 after a reload', async () => {
  await page.goto(server.url)
  await page
    .getByRole('textbox', { name: 'Message' })
    .waitFor({ timeout: 20_000 })
    .catch(() => {
      throw new Error(`the chat did not render; page errors: ${pageErrors.join('; ') || 'none'}`)
    })
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill("What's the price of NVDA?")
  await box.press('Enter')
  await page.getByRole('figure', { name: 'NVDA price chart' }).waitFor({ timeout: 20_000 })

  const good = page.getByRole('button', { name: 'Good response' }).first()
  const bad = page.getByRole('button', { name: 'Bad response' }).first()
  await good.click()
  await bad.click()
  expect(await bad.getAttribute('aria-pressed')).toBe('true')
  expect(await good.getAttribute('aria-pressed')).toBe('false')

  // both changes reached the collector: every change of mind is an event
  await expect
    .poll(
      async () =>
        (
          await server.collector.query("SELECT count(*)::INTEGER AS n FROM events WHERE event = 'Feedback Submitted'")
        )[0]?.n,
      { timeout: 20_000, interval: 200 },
    )
    .toBe(2)
  // and the numbers count the user's last rating, once
  const numbers = await insights()
  expect(numbers.feedbackDistribution).toEqual([{ rating: -1, count: 1 }])
  expect(numbers.feedbackByMessageType).toEqual([{ messageType: 'Stock Price Chart', average: -1, count: 1 }])
  expect(numbers.conversations.map((conversation) => conversation.averageRating)).toEqual([-1])
  // the collector's own conversation view agrees
  const conversations = (await (await fetch(`${server.url}/api/conversations`)).json()) as {
    feedback_average: number | null
  }[]
  expect(conversations.map((conversation) => conversation.feedback_average)).toEqual([-1])

  // a reload: back in that conversation, the thumbs show the stored rating, and nothing new is sent
  await page.reload()
  await page.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 20_000 })
  const answer = page.getByRole('figure', { name: 'NVDA price chart' })
  if (!(await answer.isVisible())) {
    // an app that opens a new chat on load: the user goes back to the conversation from the history
    await page.getByRole('navigation', { name: 'Chat history' }).getByRole('button').first().click()
  }
  await answer.waitFor({ timeout: 20_000 })
  expect(await page.getByRole('button', { name: 'Bad response' }).first().getAttribute('aria-pressed')).toBe('true')
  expect(await page.getByRole('button', { name: 'Good response' }).first().getAttribute('aria-pressed')).toBe('false')
  const stored = await server.collector.query(
    "SELECT count(*)::INTEGER AS n FROM events WHERE event = 'Feedback Submitted'",
  )
  expect(stored[0]?.n).toBe(2)
  expect(pageErrors).toEqual([])
}, 120_000)
