// Identity per call, in real Chromium: the kit → real analytics-next → our collector (a child process started by the
// browser commands in test/browser/support). Every stored row must carry the identity the visitor had when the app
// made the call, whatever analytics-next buffers, and in the order the app made the calls.
import { AnalyticsBrowser } from '@segment/analytics-next'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { commands } from 'vitest/browser'
import { type CopilotAnalytics, createCopilotAnalytics } from '../../src/core'
import { segmentLoadArguments } from '../../src/core/destinations/segment'

interface Row {
  type: string
  event: string | null
  user_id: string | null
  anonymous_id: string | null
  timestamp: string
  properties: { run?: string; seq?: number } | null
  traits: Record<string, unknown> | null
}

let apiHost: string
beforeAll(async () => {
  ;({ apiHost } = await commands.collectorStart())
})
afterAll(() => commands.collectorDispose())
// analytics-next keeps its user (ajs_user_id, ajs_anonymous_id) in localStorage: each test is a new visitor
beforeEach(() => localStorage.clear())

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const runId = () => Math.random().toString(36).slice(2, 10)

/** The stored rows of this run: its track calls (by `run`) and the identify calls of its anonymousIds. */
async function rowsOf(run: string, anonymousIds: string[], expected: number): Promise<Row[]> {
  const deadline = Date.now() + 30_000
  let mine: Row[] = []
  for (;;) {
    // read in Node by a browser command: the collector's reads are same-origin only, this page is not
    const rows = ((await commands.collectorRows()) ?? []) as Row[]
    mine = rows.filter((row) =>
      row.type === 'identify'
        ? anonymousIds.includes(row.anonymous_id ?? '')
        : row.properties?.run === run && row.event !== 'Conversation Started',
    )
    if (mine.length >= expected || Date.now() > deadline) break
    await sleep(200)
  }
  expect(mine).toHaveLength(expected)
  // the order the app made them in: the kit stamps each call's time, the collector keeps it
  return mine.sort(
    (a, b) => a.timestamp.localeCompare(b.timestamp) || (a.properties?.seq ?? 0) - (b.properties?.seq ?? 0),
  )
}

/** What a row says about who: `anon` for no userId, else the userId; identify rows are `Identify`. */
const who = (row: Row) => `${row.type === 'identify' ? 'Identify' : `#${row.properties?.seq}`}:${row.user_id ?? 'anon'}`

/** Three messages, identify, one more message: the ids the visitor had at each call. */
async function threeThenIdentify(client: CopilotAnalytics, run: string, userId: string) {
  client.start()
  for (let seq = 1; seq <= 3; seq++) {
    await sleep(5) // distinct timestamps, so the stored order can be read back
    client.messageSent({ body: `question ${seq}`, run, seq })
  }
  await sleep(5)
  client.identify(userId, { plan: 'pro' })
  await sleep(5)
  client.messageSent({ body: 'question 4', run, seq: 4 })
}

it('events handed to an AnalyticsBrowser that is still loading keep the identity of their call', async () => {
  const run = runId()
  const { settings, init } = segmentLoadArguments({ writeKey: `identity-buffer-${run}`, apiHost })
  // the app's own AnalyticsBrowser, not loaded yet when the kit's first calls reach it
  const analytics = AnalyticsBrowser.load(settings, init)
  const client = createCopilotAnalytics({ analytics, validate: 'off' })
  const { anonymousId } = client.getState().identity
  await threeThenIdentify(client, run, `user-${run}`)
  await client.flush()

  const rows = await rowsOf(run, [anonymousId], 6)
  expect(rows.map(who)).toEqual([
    'Identify:anon',
    '#1:anon',
    '#2:anon',
    '#3:anon',
    `Identify:user-${run}`,
    `#4:user-${run}`,
  ])
  // one visitor throughout, and the sign-in's Identify carries both ids: the anonymous history joins the user
  expect(new Set(rows.map((row) => row.anonymous_id))).toEqual(new Set([anonymousId]))
  expect(rows[4]).toMatchObject({ user_id: `user-${run}`, anonymous_id: anonymousId, traits: { plan: 'pro' } })
})

it('events held for consent keep their identity when consent is granted after identify', async () => {
  const run = runId()
  const client = createCopilotAnalytics({
    writeKey: `identity-consent-${run}`,
    apiHost,
    consent: 'pending',
    validate: 'off',
  })
  const { anonymousId } = client.getState().identity
  await threeThenIdentify(client, run, `user-${run}`)
  client.setConsent('granted')
  await client.flush()

  const rows = await rowsOf(run, [anonymousId], 6)
  expect(rows.map(who)).toEqual([
    'Identify:anon',
    '#1:anon',
    '#2:anon',
    '#3:anon',
    `Identify:user-${run}`,
    `#4:user-${run}`,
  ])
  expect(rows[4]).toMatchObject({ user_id: `user-${run}`, anonymous_id: anonymousId })
})

it('after reset() the next visitor is anonymous again, and earlier events keep the signed-in user', async () => {
  const run = runId()
  const analytics = AnalyticsBrowser.load(
    ...(Object.values(segmentLoadArguments({ writeKey: `identity-reset-${run}`, apiHost })) as [never, never]),
  )
  const client = createCopilotAnalytics({ analytics, validate: 'off' })
  const first = client.getState().identity.anonymousId
  await threeThenIdentify(client, run, `user-${run}`)
  await sleep(5)
  client.reset()
  const second = client.getState().identity.anonymousId
  await sleep(5)
  client.messageSent({ body: 'question 5', run, seq: 5 })
  await client.flush()

  const rows = await rowsOf(run, [first, second], 8)
  expect(rows.map(who)).toEqual([
    'Identify:anon',
    '#1:anon',
    '#2:anon',
    '#3:anon',
    `Identify:user-${run}`,
    `#4:user-${run}`,
    'Identify:anon',
    '#5:anon',
  ])
  expect(rows.map((row) => row.anonymous_id)).toEqual([first, first, first, first, first, first, second, second])
})
