import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { STOCK_TRAITS } from '../../example-app/server/profileTraits'
import { type ComputedTrait, parseComputedTraits, type RunningCollector, startCollector } from '../../src/collector'
import { collectorProcess, freePort } from '../support/collectorProcess'

const basic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString('base64')}`
let n = 0
const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString()
const call = (fields: Record<string, unknown>) => ({
  messageId: `ajs-next-${++n}`,
  timestamp: at(1),
  context: { library: { name: 'analytics.js' } },
  ...fields,
})
const track = (event: string, properties: Record<string, unknown>, who: Record<string, unknown>, minutesAgo = 1) =>
  call({ type: 'track', event, properties, timestamp: at(minutesAgo), ...who })

// the stocks copilot's own traits, and one of every other kind
const EXAMPLE_TRAITS: ComputedTrait[] = [
  ...STOCK_TRAITS,
  { name: 'largest_purchase', kind: 'max', event: 'Stock Purchased', property: 'total' },
  { name: 'smallest_purchase', kind: 'min', event: 'Stock Purchased', property: 'total' },
  { name: 'first_stock_bought', kind: 'first', event: 'Stock Purchased', property: 'symbol' },
  { name: 'last_stock_bought', kind: 'last', event: 'Stock Purchased', property: 'symbol' },
  { name: 'stocks_bought', kind: 'unique', event: 'Stock Purchased', property: 'symbol' },
  { name: 'purchases_this_week', kind: 'counter', event: 'Stock Purchased', withinDays: 7 },
]

/** Ada browses anonymously on two devices, signs in on one; Bob stays anonymous. */
const history = () => {
  const visitor = { anonymousId: 'anon-ada-laptop' }
  const phone = { anonymousId: 'anon-ada-phone' }
  const ada = { anonymousId: 'anon-ada-laptop', userId: 'ada' }
  const bob = { anonymousId: 'anon-bob' }
  return [
    call({ type: 'identify', ...visitor, timestamp: at(60) }),
    track('Conversation Started', { conversationId: 'c1' }, visitor, 59),
    track(
      'Message Sent',
      { conversationId: 'c1', messageId: 'm1', message_body: 'NVDA?', role: 'customer' },
      visitor,
      59,
    ),
    track(
      'Component Loaded',
      { conversationId: 'c1', messageId: 'm2', type: 'Stock Price Chart', symbol: 'NVDA' },
      visitor,
      58,
    ),
    track('Feedback Submitted', { conversationId: 'c1', messageId: 'm2', rating: 1 }, visitor, 57),
    track('Feedback Submitted', { conversationId: 'c1', messageId: 'm2', rating: -1 }, visitor, 56),
    call({ type: 'identify', ...ada, traits: { plan: 'pro', name: 'Ada' }, timestamp: at(50) }),
    track(
      'Component Loaded',
      { conversationId: 'c1', messageId: 'm3', type: 'Stock Price Chart', symbol: 'NVDA' },
      ada,
      49,
    ),
    track(
      'Component Loaded',
      { conversationId: 'c1', messageId: 'm4', type: 'Stock Price Chart', symbol: 'AAPL' },
      ada,
      48,
    ),
    track('Component Loaded', { conversationId: 'c1', messageId: 'm5', type: 'Stock Purchase' }, ada, 47),
    track('Stock Purchased', { conversationId: 'c1', symbol: 'NVDA', total: 1200.5 }, ada, 46),
    track('Stock Purchased', { conversationId: 'c1', symbol: 'AAPL', total: 300 }, ada, 45),
    track('Stock Purchased', { conversationId: 'c0', symbol: 'MSFT', total: 99.5 }, ada, 60 * 24 * 10),
    track('Feedback Submitted', { conversationId: 'c1', messageId: 'm4', rating: 5 }, ada, 44),
    // the phone: anonymous first, joined to Ada by a later sign-in
    track('Conversation Started', { conversationId: 'c2' }, phone, 30),
    track('Message Sent', { conversationId: 'c2', messageId: 'm6', message_body: 'hi', role: 'customer' }, phone, 30),
    call({
      type: 'identify',
      anonymousId: 'anon-ada-phone',
      userId: 'ada',
      timestamp: at(20),
      traits: { plan: 'team' },
    }),
    track(
      'Media Generated',
      { conversationId: 'c2', messageId: 'm7', type: 'image', sub_type: 'png' },
      { ...phone, userId: 'ada' },
      19,
    ),
    // someone else entirely
    track('Conversation Started', { conversationId: 'c3' }, bob, 10),
    track('Message Sent', { conversationId: 'c3', messageId: 'm8', message_body: 'x', role: 'customer' }, bob, 10),
  ]
}

describe('computed traits and the Profile API', () => {
  let running: RunningCollector
  const get = (path: string, token: string | null = 'secret') =>
    fetch(`${running.url}${path}`, token === null ? {} : { headers: { Authorization: basic(token) } })
  const profile = (id: string, rest = 'traits') => `/v1/spaces/spa_1/collections/users/profiles/${id}/${rest}`

  beforeEach(async () => {
    running = await startCollector({ port: 0, db: ':memory:', profileToken: 'secret', computedTraits: EXAMPLE_TRAITS })
    const response = await fetch(`${running.apiHost}/batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: basic('dev') },
      body: JSON.stringify({ batch: history() }),
    })
    expect(response.status).toBe(200)
  })
  afterEach(() => running.close())

  it('computes every kind of trait over the whole profile, joined across devices by Identify', async () => {
    const response = await get(`${profile('user_id:ada')}?limit=200`)
    expect(response.status).toBe(200)
    const body = (await response.json()) as { traits: Record<string, unknown>; cursor: unknown }
    expect(body.cursor).toEqual({ url: profile('user_id:ada'), has_more: false, next: '' })
    expect(body.traits).toMatchObject({
      // custom traits: the latest Identify wins
      plan: 'team',
      name: 'Ada',
      // the spec's set: the laptop's and the phone's anonymous events count toward Ada
      conversations_started: 2,
      messages_sent: 2,
      // the last rating per message: m2 ended at -1, m4 at 5
      average_feedback_rating: 2,
      most_used_component_type: 'Stock Price Chart',
      components_seen: ['Stock Price Chart', 'Stock Purchase'],
      media_generated: 1,
      // the app's own
      stocks_viewed: 3,
      most_viewed_stock: 'NVDA',
      stocks_purchased: 3,
      purchase_volume: 1600,
      largest_purchase: 1200.5,
      smallest_purchase: 99.5,
      first_stock_bought: 'MSFT',
      last_stock_bought: 'AAPL',
      stocks_bought: ['AAPL', 'MSFT', 'NVDA'],
      purchases_this_week: 2,
    })
    expect(typeof body.traits.last_conversation_at).toBe('string')
    expect(Date.now() - Date.parse(String(body.traits.last_conversation_at))).toBeGreaterThan(29 * 60_000)
    expect(Date.now() - Date.parse(String(body.traits.last_conversation_at))).toBeLessThan(31 * 60_000)
  })

  it('answers the same profile for any of its IDs, and a separate one for an anonymous visitor', async () => {
    const viaPhone = (await (await get(`${profile('anonymous_id:anon-ada-phone')}?limit=200`)).json()) as {
      traits: Record<string, unknown>
    }
    expect(viaPhone.traits.conversations_started).toBe(2)
    const bob = (await (
      await get(`${profile('anonymous_id:anon-bob')}?include=conversations_started,messages_sent,plan`)
    ).json()) as {
      traits: Record<string, unknown>
    }
    expect(bob.traits).toEqual({ conversations_started: 1, messages_sent: 1 })
  })

  it('pages traits with limit and next, and filters with include', async () => {
    const first = (await (await get(`${profile('user_id:ada')}?limit=3`)).json()) as {
      traits: Record<string, unknown>
      cursor: { has_more: boolean; next: string }
    }
    expect(Object.keys(first.traits)).toHaveLength(3)
    expect(first.cursor.has_more).toBe(true)
    const second = (await (await get(`${profile('user_id:ada')}?limit=3&next=${first.cursor.next}`)).json()) as {
      traits: Record<string, unknown>
    }
    expect(Object.keys(second.traits)).toHaveLength(3)
    expect(Object.keys(second.traits)[0]).toBe(first.cursor.next)
    const defaults = (await (await get(profile('user_id:ada'))).json()) as { traits: Record<string, unknown> }
    expect(Object.keys(defaults.traits)).toHaveLength(10)
  })

  it('lists the merged external IDs and the latest events as Segment does', async () => {
    const ids = (await (await get(profile('user_id:ada', 'external_ids'))).json()) as {
      data: { id: string; type: string; collection: string; source_id: string }[]
    }
    expect(ids.data.map((id) => `${id.type}:${id.id}`).sort()).toEqual([
      'anonymous_id:anon-ada-laptop',
      'anonymous_id:anon-ada-phone',
      'user_id:ada',
    ])
    expect(ids.data.every((id) => id.collection === 'users' && id.source_id !== 'dev')).toBe(true)
    const events = (await (await get(`${profile('user_id:ada', 'events')}?limit=2`)).json()) as {
      data: { event?: string; type: string; properties: Record<string, unknown> }[]
      cursor: { has_more: boolean; next: string }
    }
    expect(events.data.map((event) => event.event ?? event.type)).toEqual(['Media Generated', 'identify'])
    expect(events.cursor).toMatchObject({ has_more: true, next: '2' })
    expect(JSON.stringify(events)).not.toContain('"dev"')
  })

  it('needs the token, answers 404 for unknown or bare IDs and 400 for bad paging', async () => {
    expect((await get(profile('user_id:ada'), null)).status).toBe(401)
    expect((await get(profile('user_id:ada'), 'wrong')).status).toBe(401)
    expect((await get(profile('user_id:nobody'))).status).toBe(404)
    expect((await get(profile('ada'))).status).toBe(404)
    expect((await get(profile('email:ada@example.com'))).status).toBe(404)
    expect((await get(profile('user_id:%E0%A4%A'))).status).toBe(400)
    expect((await get(`${profile('user_id:ada')}?limit=0`)).status).toBe(400)
    expect((await get(`${profile('user_id:ada')}?limit=201`)).status).toBe(400)
    expect((await get(`${profile('user_id:ada')}?next=nope`)).status).toBe(400)
    expect((await get(`${profile('user_id:ada', 'events')}?next=-1`)).status).toBe(400)
    const response = await get(profile('user_id:ada'))
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('lists profiles for the People view, most recently active first', async () => {
    const people = (await (await get('/api/profiles')).json()) as {
      externalId: string
      anonymousIds: string[]
      traits: Record<string, unknown>
    }[]
    expect(people.map((person) => person.externalId)).toEqual(['anonymous_id:anon-bob', 'user_id:ada'])
    expect(people[1]?.anonymousIds).toEqual(['anon-ada-laptop', 'anon-ada-phone'])
    expect(people[1]?.traits.conversations_started).toBe(2)
  })
})

describe('trait declarations', () => {
  it('keeps the valid ones and names the field of each invalid one', () => {
    const { traits, problems } = parseComputedTraits([
      { name: 'ok', kind: 'counter', event: 'Message Sent' },
      { name: 'bad-kind', kind: 'median', event: 'x' },
      { name: 'no-property', kind: 'sum', event: 'x' },
      { name: 'bad-where', kind: 'counter', event: 'x', where: { a: { nested: true } } },
      { name: 'bad-window', kind: 'counter', event: 'x', withinDays: -1 },
      { name: 'latest-on-counter', kind: 'counter', event: 'x', latestPer: ['messageId'] },
      { name: 'ok', kind: 'counter', event: 'Message Sent' },
      'not an object',
      { name: '', kind: 'counter', event: 'x' },
    ])
    expect(traits.map((trait) => trait.name)).toEqual(['ok'])
    expect(problems).toEqual([
      'computed trait "bad-kind".kind: expected one of counter, sum, average, min, max, mostFrequent, first, last, unique',
      'computed trait "no-property".property: expected a property name',
      'computed trait "bad-where".where: expected { property: string | number | boolean }',
      'computed trait "bad-window".withinDays: expected a number of days between 0 and 36500',
      'computed trait "latest-on-counter".latestPer: only sum, average, min and max take it',
      'computed trait "ok": declared twice',
      'computedTraits[7]: expected an object',
      'computedTraits[8].name: expected a non-empty string',
    ])
    expect(parseComputedTraits({}).problems).toEqual(['computedTraits: expected an array of trait declarations'])
  })

  it('reads a --config file in the CLI and serves its traits; a broken file stops it with one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'profiles-config-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    const config = join(dir, 'collector.json')
    writeFileSync(
      config,
      JSON.stringify({
        defaultTraits: false,
        computedTraits: [
          { name: 'questions', kind: 'counter', event: 'Message Sent' },
          { name: 'broken', kind: 'nope', event: 'x' },
        ],
      }),
    )
    const collector = collectorProcess({
      port: await freePort(),
      db: join(dir, 'events.duckdb'),
      args: ['--config', config],
    })
    await collector.start()
    try {
      await fetch(`${collector.apiHost}/t`, {
        method: 'POST',
        headers: { Authorization: basic('dev') },
        body: JSON.stringify(
          track(
            'Message Sent',
            { conversationId: 'c', messageId: 'm', message_body: 'q', role: 'customer' },
            { anonymousId: 'v' },
          ),
        ),
      })
      const body = (await (
        await fetch(`${collector.url}${'/v1/spaces/s/collections/users/profiles/anonymous_id:v/traits'}`)
      ).json()) as {
        traits: Record<string, unknown>
      }
      expect(body.traits).toEqual({ questions: 1 })
      expect(collector.output()).toContain('computed trait "broken".kind')
    } finally {
      await collector.stop()
    }
    writeFileSync(config, '{ not json')
    const broken = collectorProcess({
      port: await freePort(),
      db: join(dir, 'other.duckdb'),
      args: ['--config', config],
    })
    await expect(broken.start()).rejects.toThrow()
    expect(broken.output()).toMatch(/cannot read the config file .*collector\.json/)
  })
})
