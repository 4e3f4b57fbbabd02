import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeInsights, type Insights, type QueryFn } from '../../example-app/server/insights'
import { type RunningCollector, startCollector } from '../../src/collector'
import { writeConversations } from '../support/collectorEvents'
import { computeInsightsBefore } from '../support/insightsBefore'

// The insights queries were rewritten to answer in < 300 ms at 1,000,000 events; the numbers must not move. The
// queries from before (test/support/insightsBefore.ts) are the reference, over the same stored events: realistic
// conversations with the awkward cases of real traffic, sent as Segment batches to a real collector on 127.0.0.1.

/** A seeded generator, so a failure replays. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

type Call = Record<string, unknown>

/** ~260 conversations (more than the 200 the list shows), and the calls a second batch sends later. */
function generate(seed: number): { first: Call[]; later: Call[]; withChangeOfMind: string } {
  const next = random(seed)
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T
  const first: Call[] = []
  const later: Call[] = []
  let id = 0
  const base = Date.parse('2026-03-01T08:00:00Z')
  const ratings = [1, -1, 5, 3, 2, '4', ' 2 ', '3.5', 'great', '', null, true] as const
  for (let c = 0; c < 260; c++) {
    const conversationId = `conv-${c}`
    let t = base + c * 97_000 // distinct starts: the list's order has no ties
    const anonymousId = `anon-${c % 40}`
    let userId: string | undefined
    const track = (event: string, properties: Record<string, unknown>, into = first, at = t) => {
      into.push({
        type: 'track',
        event,
        messageId: `e-${id++}`,
        anonymousId,
        ...(userId ? { userId } : {}),
        timestamp: new Date(at).toISOString(),
        properties: { conversationId, ...properties },
      })
      t += 1 + Math.floor(next() * 3000)
    }
    // some conversations never sent Conversation Started (a page reloaded mid-chat); a few sent it twice
    if (c % 17 !== 5) track('Conversation Started', {})
    if (c % 23 === 0) track('Conversation Started', {})
    const pairs = 1 + Math.floor(next() * 6)
    for (let m = 0; m < pairs; m++) {
      track('Message Sent', { messageId: `u-${c}-${m}`, role: 'customer', message_body: 'hi' })
      // signing in mid-conversation: later events carry the user ID
      if (c % 3 === 0 && m === 1) userId = `user-${c % 11}`
      const answer = `a-${c}-${m}`
      track('Message Received', { messageId: answer, role: 'agent', message_body: 'hello' })
      const shown = next()
      if (shown < 0.3) track('Component Loaded', { messageId: answer, type: pick(['Stock Chart', 'Stock List']) })
      else if (shown < 0.35)
        track('Component Loaded', { messageId: answer }) // no type
      else if (shown < 0.45)
        track('Media Generated', { messageId: answer, type: 'image', ...(next() < 0.5 ? { sub_type: 'gif' } : {}) })
      if (c % 4 === 0 && m === pairs - 1) {
        track('Stock Purchased', { messageId: answer, total: pick([120.5, '99.25', 10, undefined]) })
        if (next() < 0.3) track('Stock Purchased', { messageId: answer, total: 5 })
      }
      if (next() < 0.5) {
        track('Feedback Submitted', { messageId: answer, rating: pick(ratings) })
        // a change of mind; sometimes its call arrives in a later batch with an earlier timestamp
        if (next() < 0.3) track('Feedback Submitted', { messageId: answer, rating: pick(ratings) })
        if (next() < 0.2) track('Feedback Submitted', { messageId: answer, rating: pick(ratings) }, later, t - 500)
      }
    }
    // feedback on the whole conversation (no message), and conversations that end or do not
    if (c % 7 === 0) track('Feedback Submitted', { rating: pick([1, -1]) })
    if (c % 2 === 0) track('Conversation Ended', {})
  }
  // a conversation whose thumbs up then down is the one checked by hand below
  const conversationId = 'conv-mind'
  const at = base - 3_600_000
  const call = (event: string, properties: Record<string, unknown>, offset: number): Call => ({
    type: 'track',
    event,
    messageId: `e-${id++}`,
    anonymousId: 'anon-mind',
    timestamp: new Date(at + offset).toISOString(),
    properties: { conversationId, ...properties },
  })
  first.push(
    call('Conversation Started', {}, 0),
    call('Message Received', { messageId: 'a-mind' }, 1000),
    call('Feedback Submitted', { messageId: 'a-mind', rating: 1 }, 2000),
    call('Feedback Submitted', { messageId: 'a-mind', rating: -1 }, 3000),
  )
  // calls outside any conversation: a page view, an identify, a message and a start without a conversation ID
  first.push(
    { type: 'page', name: 'Home', messageId: `e-${id++}`, anonymousId: 'anon-x', properties: {} },
    { type: 'identify', userId: 'user-x', messageId: `e-${id++}`, anonymousId: 'anon-x', traits: {} },
    { type: 'track', event: 'Message Sent', messageId: `e-${id++}`, anonymousId: 'anon-x', properties: {} },
    { type: 'track', event: 'Conversation Started', messageId: `e-${id++}`, anonymousId: 'anon-y', properties: {} },
  )
  return { first, later, withChangeOfMind: conversationId }
}

/** The day of each Conversation Started stored without a conversation ID. */
const idlessStartDays = async (query: QueryFn) =>
  (
    await query(
      "SELECT strftime(CAST(timestamp AS DATE), '%Y-%m-%d') AS day FROM events WHERE event = 'Conversation Started' AND conversation_id IS NULL",
    )
  ).map((row) => String(row.day))

/**
 * The insights before, corrected by the one change made on purpose: the queries before counted the Conversation
 * Started calls without a conversation ID as one more conversation in the funnel and on its day (the totals never
 * did); now they are in no conversation.
 */
const withoutIdlessStarts = (before: Insights, days: string[]): Insights => {
  if (days.length === 0) return before
  const perDay = before.conversationsPerDay
    .map((entry) => (entry.day === days[0] ? { ...entry, conversations: entry.conversations - 1 } : entry))
    .filter((entry) => entry.conversations > 0)
  return {
    ...before,
    conversationsPerDay: perDay,
    funnel: { ...before.funnel, conversations: before.funnel.conversations - 1 },
  }
}

// every batch must be answered 200, re-sent ones included: a re-sent batch once left a failed appender behind whose
// finaliser aborted a later transaction (a 500 "Current transaction is aborted" on the next batch)
const send = async (running: RunningCollector, calls: Call[]) => {
  for (let i = 0; i < calls.length; i += 250) {
    const response = await fetch(`${running.apiHost}/b`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ writeKey: 'insights-equality', batch: calls.slice(i, i + 250) }),
    })
    if (response.status !== 200)
      throw new Error(`the collector answered ${response.status}: ${await response.text()} (batch at ${i})`)
  }
}

const stored = async (query: QueryFn, count: number) => {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    const [row] = await query('SELECT count(*)::INTEGER AS n FROM events')
    if (row?.n === count) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`the collector did not store ${count} events in 20 s`)
}

describe('over events sent to a real collector', () => {
  let running: RunningCollector
  let query: QueryFn
  let data: ReturnType<typeof generate>
  const now = Date.parse('2026-03-01T20:00:00Z')

  beforeAll(async () => {
    running = await startCollector({ port: 0, db: ':memory:' })
    query = running.collector.query
    data = generate(18)
    await send(running, data.first)
    // re-sent: the same calls again (a retry after a lost acknowledgement) are stored once
    await send(running, data.first.slice(0, 400))
    await send(running, data.later)
    await stored(query, data.first.length + data.later.length)
  }, 60_000)
  afterAll(() => running?.close())

  it('returns exactly what the queries before the rewrite returned, but for the start without an ID', async () => {
    const before = await computeInsightsBefore(query, now)
    const after = await computeInsights(query, now)
    expect(after).toEqual(withoutIdlessStarts(before, await idlessStartDays(query)))
    // the funnel's first step and the days count the conversations the totals count
    expect(after.funnel.conversations).toBe(after.totals.conversations)
    expect(after.conversationsPerDay.reduce((sum, day) => sum + day.conversations, 0)).toBe(after.totals.conversations)
    // the data set reaches the cases it is meant to: more conversations than listed, ratings, media, purchases
    expect(after.conversations).toHaveLength(200)
    expect(after.totals.conversations).toBeGreaterThan(200)
    expect(after.feedbackDistribution.length).toBeGreaterThan(3)
    expect(after.feedbackByMessageType.map((row) => row.messageType)).toEqual(
      expect.arrayContaining(['Text answer', 'Stock Chart']),
    )
    expect(after.funnel.withPurchase).toBeGreaterThan(0)
  })

  it('counts the last rating of a message, once, in the list and the distribution', async () => {
    const newest = await computeInsights(query, now)
    // conv-mind starts an hour before the others: it is the oldest, not in the newest 200
    expect(newest.conversations.some((c) => c.conversationId === data.withChangeOfMind)).toBe(false)
    const [mind] = await query(
      `SELECT count(*)::INTEGER AS n FROM events WHERE conversation_id = ? AND event = 'Feedback Submitted'`,
      [data.withChangeOfMind],
    )
    expect(mind?.n).toBe(2)
    // only the last of its two ratings (−1) counts: the distribution has as many −1 as the last ratings say
    const lastRatings = await query(`
      SELECT rating FROM events WHERE event = 'Feedback Submitted' AND rating IS NOT NULL
      QUALIFY row_number() OVER (PARTITION BY conversation_id, coalesce(chat_message_id, '') ORDER BY timestamp DESC) = 1`)
    const counted = new Map<number, number>()
    for (const { rating } of lastRatings) counted.set(Number(rating), (counted.get(Number(rating)) ?? 0) + 1)
    expect(newest.feedbackDistribution).toEqual(
      [...counted].sort(([a], [b]) => a - b).map(([rating, count]) => ({ rating, count })),
    )
  })
})

describe('over the generated files of the collector bench', () => {
  const dir = mkdtempSync(join(tmpdir(), 'insights-equality-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  // the current table, and a file from before the typed columns (upgraded, its `rating` filled, when opened)
  it.each([
    ['current', false],
    ['previous', true],
  ])(
    'returns exactly the same over a %s events file',
    async (name, previous) => {
      const { DuckDBInstance } = await import('@duckdb/node-api')
      const file = join(dir, `${name}.duckdb`)
      const instance = await DuckDBInstance.create(file)
      const connection = await instance.connect()
      await writeConversations(connection, 20_000, { previous })
      connection.closeSync()
      instance.closeSync()
      const running = await startCollector({ port: 0, db: file })
      try {
        const now = Date.parse('2026-12-01T00:00:00Z')
        const after = await computeInsights(running.collector.query, now)
        expect(after).toEqual(await computeInsightsBefore(running.collector.query, now))
        expect(after.totals.events).toBe(20_000)
        expect(after.feedbackDistribution).toHaveLength(5)
      } finally {
        await running.close()
      }
    },
    60_000,
  )
})

it('leaves out a rating that is no finite number, which the queries before turned into NaN averages', async () => {
  const running = await startCollector({ port: 0, db: ':memory:' })
  try {
    const feedback = (rating: unknown, n: number) => ({
      type: 'track',
      event: 'Feedback Submitted',
      messageId: `nan-${n}`,
      anonymousId: 'anon-1',
      timestamp: `2026-03-01T10:00:0${n}Z`,
      properties: { conversationId: 'c1', messageId: `a${n}`, rating },
    })
    await send(running, [
      { ...feedback(null, 0), event: 'Conversation Started', properties: { conversationId: 'c1' } },
      feedback(1, 1),
      feedback('NaN', 2),
      feedback('Infinity', 3),
    ])
    await stored(running.collector.query, 4)
    const now = Date.parse('2026-03-01T11:00:00Z')
    const after = await computeInsights(running.collector.query, now)
    expect(after.feedbackDistribution).toEqual([{ rating: 1, count: 1 }])
    expect(after.feedbackByMessageType).toEqual([{ messageType: 'Text answer', average: 1, count: 1 }])
    expect(after.conversations[0]?.averageRating).toBe(1)
    // before: NaN and Infinity were ratings, so the conversation's average was NaN
    const before = await computeInsightsBefore(running.collector.query, now)
    expect(before.conversations[0]?.averageRating).toBeNaN()
  } finally {
    await running.close()
  }
})

it('answers an empty collector as before: zeros, empty lists, no median', async () => {
  const running = await startCollector({ port: 0, db: ':memory:' })
  try {
    const after = await computeInsights(running.collector.query, 0)
    expect(after).toEqual(await computeInsightsBefore(running.collector.query, 0))
    expect(after.totals.events).toBe(0)
    expect(after.funnel).toEqual({
      conversations: 0,
      withComponent: 0,
      withPurchase: 0,
      medianMessagesToPurchase: null,
    })
  } finally {
    await running.close()
  }
})
