import { afterAll, beforeAll, expect, it } from 'vitest'
import { computeInsights, conversationEvents, type QueryFn } from '../../example-app/server/insights'
import { renderInsightsPage } from '../../example-app/server/insightsPage'
import { type RunningCollector, startCollector } from '../../src/collector'

// The insights SQL over a known set of events, sent as one Segment batch to a real collector on 127.0.0.1:
// two conversations on two days, one with a purchase.
let running: RunningCollector
let query: QueryFn

type Row = [timestamp: string, event: string, conversationId: string, properties: Record<string, unknown>]
const rows: Row[] = [
  // c1, day 1: ask, chart, buy, thumbs up on the chart message, ended
  ['2026-03-01 10:00:00', 'Conversation Started', 'c1', {}],
  [
    '2026-03-01 10:00:00.100',
    'Message Sent',
    'c1',
    { messageId: 'u1', message_body: 'price of NVDA', role: 'customer' },
  ],
  ['2026-03-01 10:00:02', 'Message Received', 'c1', { messageId: 'a1', message_body: 'NVDA trades at', role: 'agent' }],
  ['2026-03-01 10:00:02.100', 'Component Loaded', 'c1', { messageId: 'a1', type: 'Stock Price Chart' }],
  ['2026-03-01 10:00:05', 'Message Sent', 'c1', { messageId: 'u2', message_body: 'buy 10 NVDA', role: 'customer' }],
  ['2026-03-01 10:00:07', 'Message Received', 'c1', { messageId: 'a2', message_body: 'Sure', role: 'agent' }],
  ['2026-03-01 10:00:07.100', 'Component Loaded', 'c1', { messageId: 'a2', type: 'Stock Purchase' }],
  [
    '2026-03-01 10:00:09',
    'Stock Purchased',
    'c1',
    { messageId: 'a2', symbol: 'NVDA', numberOfShares: 10, total: 1814.2 },
  ],
  ['2026-03-01 10:00:10', 'Feedback Submitted', 'c1', { messageId: 'a1', rating: 1 }],
  ['2026-03-01 10:00:20', 'Conversation Ended', 'c1', { message_count: 4 }],
  // c2, day 2: a text answer rated down, a gif rated up
  ['2026-03-02 09:00:00', 'Conversation Started', 'c2', {}],
  ['2026-03-02 09:00:00.100', 'Message Sent', 'c2', { messageId: 'u3', message_body: 'hello', role: 'customer' }],
  ['2026-03-02 09:00:01', 'Message Received', 'c2', { messageId: 'a3', message_body: 'I am a demo', role: 'agent' }],
  ['2026-03-02 09:00:03', 'Feedback Submitted', 'c2', { messageId: 'a3', rating: -1 }],
  ['2026-03-02 09:00:04', 'Message Sent', 'c2', { messageId: 'u4', message_body: 'celebrate', role: 'customer' }],
  ['2026-03-02 09:00:05', 'Message Received', 'c2', { messageId: 'a4', message_body: 'Here', role: 'agent' }],
  ['2026-03-02 09:00:05.100', 'Media Generated', 'c2', { messageId: 'a4', type: 'image', sub_type: 'gif' }],
  ['2026-03-02 09:00:06', 'Feedback Submitted', 'c2', { messageId: 'a4', rating: 1 }],
]

beforeAll(async () => {
  running = await startCollector({ port: 0, db: ':memory:' })
  query = running.collector.query
  const batch = rows.map(([timestamp, event, conversationId, properties], index) => ({
    type: 'track',
    event,
    messageId: `m-${index}`,
    anonymousId: 'anon-1',
    timestamp: `${timestamp.replace(' ', 'T')}Z`,
    properties: { conversationId, ...properties },
  }))
  const response = await fetch(`${running.apiHost}/b`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify({ writeKey: 'insights-test', batch }),
  })
  if (response.status !== 200) throw new Error(`the collector answered ${response.status}`)
  // the collector writes asynchronously: wait until every event is stored
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    const [count] = await query('SELECT count(*) AS n FROM events')
    if (count?.n === rows.length) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('the collector did not store the batch in 10 s')
})
afterAll(() => running?.close())

it('counts conversations per day, messages, users, purchases and revenue', async () => {
  const insights = await computeInsights(query)
  expect(insights.totals).toEqual({
    conversations: 2,
    messages: 8,
    events: rows.length,
    users: 1,
    purchases: 1,
    revenue: 1814.2,
  })
  expect(insights.conversationsPerDay).toEqual([
    { day: '2026-03-01', conversations: 1 },
    { day: '2026-03-02', conversations: 1 },
  ])
  expect(insights.messagesPerConversation).toEqual([{ messages: 4, conversations: 2 }])
  // c1 lasts 20 s, c2 6 s
  expect(insights.averageDurationSeconds).toBe(13)
})

it('ranks components, and averages feedback by what was rated', async () => {
  const insights = await computeInsights(query)
  expect(insights.componentPopularity).toEqual([
    { component: 'Stock Price Chart', loads: 1, conversations: 1 },
    { component: 'Stock Purchase', loads: 1, conversations: 1 },
  ])
  expect(insights.feedbackDistribution).toEqual([
    { rating: -1, count: 1 },
    { rating: 1, count: 2 },
  ])
  expect(insights.feedbackByMessageType).toEqual([
    { messageType: 'Media (gif)', average: 1, count: 1 },
    { messageType: 'Stock Price Chart', average: 1, count: 1 },
    { messageType: 'Text answer', average: -1, count: 1 },
  ])
})

it('builds the funnel with the median number of messages until a purchase', async () => {
  const { funnel, conversations } = await computeInsights(query)
  expect(funnel).toEqual({ conversations: 2, withComponent: 1, withPurchase: 1, medianMessagesToPurchase: 4 })
  expect(conversations.map((c) => [c.conversationId, c.messages, c.purchases, c.averageRating, c.ended])).toEqual([
    ['c2', 4, 0, 0, false],
    ['c1', 4, 1, 1, true],
  ])
})

it('shows a conversation never ended as idle after 30 minutes without events, open before', async () => {
  const status = async (now: string) =>
    (await computeInsights(query, Date.parse(now))).conversations.map((c) => [c.conversationId, c.status])
  // c2's last event is at 09:00:06: a tab closed then never sends Conversation Ended
  expect(await status('2026-03-02T09:10:00Z')).toEqual([
    ['c2', 'open'],
    ['c1', 'ended'],
  ])
  expect(await status('2026-03-02T09:30:05Z')).toEqual([
    ['c2', 'open'],
    ['c1', 'ended'],
  ])
  expect(await status('2026-03-02T09:30:06Z')).toEqual([
    ['c2', 'idle'],
    ['c1', 'ended'],
  ])
  const [c2] = (await computeInsights(query, Date.parse('2026-03-02T12:00:00Z'))).conversations
  expect(c2?.lastEventAt).toBe('2026-03-02T09:00:06.000Z')
  // and the page says so
  expect(renderInsightsPage(await computeInsights(query, Date.parse('2026-03-02T12:00:00Z')))).toMatch(
    /<span class="tag idle"[^>]*>idle<\/span>/,
  )
})

it('lists every event of one conversation in order for the drill-down', async () => {
  const events = await conversationEvents(query, 'c1')
  expect(events.map((e) => e.event)).toEqual(rows.filter((r) => r[2] === 'c1').map((r) => r[1]))
  expect(events[3]).toMatchObject({
    messageId: 'a1',
    properties: { type: 'Stock Price Chart' },
    timestamp: '2026-03-01T10:00:02.100Z',
  })
})

it('speaks of the thumbs the user sees on an empty insights page, never of screen-reader labels', async () => {
  // no events at all: every query answers no rows
  const html = renderInsightsPage(await computeInsights(async () => []))
  expect(html).toContain('No events yet.')
  expect(html).toContain('thumbs up or')
  expect(html).toMatch(/<svg class="thumb"[^>]*aria-hidden="true"/)
  expect(html).not.toContain('Good response')
  expect(html).not.toContain('Bad response')
  expect(html).not.toMatch(/gif/i)
})
