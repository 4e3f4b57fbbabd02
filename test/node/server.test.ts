import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { Analytics } from '@segment/analytics-node'
import fc from 'fast-check'
import { version as uuidVersion, validate as validateUuid } from 'uuid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type EventRow, type RunningCollector, startCollector } from '../../src/collector'
import {
  type CopilotAnalyticsError,
  copilotHeaders,
  createCopilotAnalytics,
  type MemoryDestination,
  memoryDestination,
} from '../../src/core'
import { SEGMENT_EVENT_LIMIT_BYTES } from '../../src/core/destinations'
import { createServerAnalytics, readCopilotContext } from '../../src/server'
import { fingerprint } from '../support/fingerprint'

let running: RunningCollector
beforeAll(async () => {
  running = await startCollector({ port: 0, db: ':memory:' })
})
afterAll(() => running?.close())

const rows = async (where: string) =>
  (await running.collector.query(
    `SELECT * FROM events WHERE ${where} ORDER BY timestamp, message_id`,
  )) as unknown as EventRow[]

/** A browser client (state in memory, nothing sent) whose context the requests carry. */
/** The track calls a memory destination received. */
const tracks = (destination: MemoryDestination) =>
  destination.events.flatMap((event) => (event.type === 'track' ? [event] : []))

const browser = (consent: 'granted' | 'denied' | 'pending' = 'granted', userId?: string) =>
  createCopilotAnalytics({ storage: null, destination: memoryDestination(), consent, ...(userId ? { userId } : {}) })

const request = (headers: Record<string, string>) =>
  new Request('http://app.test/api/chat', { method: 'POST', headers })

describe('createServerAnalytics through the real analytics-node to the real collector', () => {
  it("tracks a request as the browser's visitor and conversation, with the spec's names and limits", async () => {
    const errors: CopilotAnalyticsError[] = []
    const copilot = createServerAnalytics({
      writeKey: 'server-key',
      host: running.apiHost, // with /v1: analytics-node's own /v1/batch path is appended to the origin
      onError: (error) => errors.push(error),
    })
    const client = browser()
    const { anonymousId } = client.getState().identity
    const conversationId = client.startConversation()
    const tracker = copilot.forRequest(request(copilotHeaders(client)), { userId: 'user-7' })
    expect(tracker.tracking).toBe(true)
    expect(tracker.context).toMatchObject({ anonymousId, userId: 'user-7', conversationId, source: 'headers' })

    const huge = 'x'.repeat(SEGMENT_EVENT_LIMIT_BYTES * 2)
    const messageId = tracker.messageReceived({ body: huge, messageId: 'answer-1', model: 'scripted' })
    tracker.track('Stock Purchased', { symbol: 'NVDA', numberOfShares: 2 })
    tracker.feedbackSubmitted({ rating: 'up', messageId })
    expect(tracker.componentLoaded({ type: 'Stock Chart', messageId })).toBe(true)
    expect(tracker.componentLoaded({ type: 'Stock Chart', messageId })).toBe(false)
    await copilot.flush()

    const stored = await rows(`anonymous_id = '${anonymousId}'`)
    expect(stored.map((row) => row.event)).toEqual([
      'Message Received',
      'Stock Purchased',
      'Feedback Submitted',
      'Component Loaded',
    ])
    for (const row of stored) {
      expect(row).toMatchObject({
        user_id: 'user-7',
        conversation_id: conversationId,
        write_key: fingerprint('server-key'),
      })
      expect(row.context).toMatchObject({ library: { name: '@segment/analytics-node' } })
      expect(row.valid).toBe(true)
      // uuid v7 envelope IDs: time-ordered, minted on the server
      expect(row.message_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/)
    }
    const received = stored[0]?.properties as Record<string, unknown>
    expect(received).toMatchObject({
      messageId: 'answer-1',
      role: 'agent',
      model: 'scripted',
      message_body_truncated: true,
    })
    expect(JSON.stringify(received).length).toBeLessThan(SEGMENT_EVENT_LIMIT_BYTES)
    expect(stored[2]?.properties).toMatchObject({ rating: 1, messageId: 'answer-1' })
    expect(errors).toEqual([])
  })

  it('sends nothing for a browser whose consent is denied or pending', async () => {
    const destination = memoryDestination()
    const copilot = createServerAnalytics({ destination })
    for (const consent of ['denied', 'pending'] as const) {
      const tracker = copilot.forRequest(request(copilotHeaders(browser(consent))))
      expect(tracker.tracking).toBe(false)
      tracker.track('Stock Purchased', { symbol: 'NVDA' })
      tracker.messageReceived({ body: 'hi' })
      tracker.identify('u-1')
    }
    await copilot.flush()
    expect(destination.events).toEqual([])
  })

  it('reads the context cookie when there are no headers, and the headers first when there are', async () => {
    const destination = memoryDestination()
    const copilot = createServerAnalytics({ destination })
    const cookie = `theme=dark; copilot_context=${new URLSearchParams({ a: 'anon-c', u: 'ana@example.com', c: 'conv-c', s: 'granted' })}`
    copilot.forRequest(request({ cookie })).track('Order Confirmed')
    copilot
      .forRequest(request({ cookie, 'x-copilot-anonymous-id': 'anon-h', 'x-copilot-conversation-id': 'conv-h' }))
      .track('Order Confirmed')
    // Next's headers() is a Headers: server actions pass it as it is
    copilot.forRequest(new Headers({ cookie: cookie.replace('granted', 'denied') })).track('Order Confirmed')
    await copilot.flush()
    expect(tracks(destination).map((event) => [event.anonymousId, event.userId, event.properties])).toEqual([
      ['anon-c', 'ana@example.com', { conversationId: 'conv-c' }],
      ['anon-h', null, { conversationId: 'conv-h' }],
    ])
  })

  it("without the browser's anonymous ID uses a fresh one per request and reports it once", async () => {
    const errors: string[] = []
    const destination = memoryDestination()
    const copilot = createServerAnalytics({ destination, onError: (error) => errors.push(error.message) })
    const first = copilot.forRequest(request({}))
    const second = copilot.forRequest(request({}), { userId: 'u-9' })
    first.track('Ping')
    second.track('Ping')
    await copilot.flush()
    expect(first.context.anonymousId).not.toBe(second.context.anonymousId)
    expect(destination.events[1]?.userId).toBe('u-9')
    expect(errors.filter((message) => message.includes('no anonymous ID from the browser'))).toHaveLength(1)
  })

  it('mints what it creates as time-ordered uuid v7: visitor, conversation and message IDs', async () => {
    const destination = memoryDestination()
    const copilot = createServerAnalytics({ destination })
    const tracker = copilot.forRequest(request({}))
    const sent = tracker.messageSent({ body: 'Hi' })
    const received = tracker.messageReceived({ body: 'Hello' })
    const { anonymousId, conversationId } = tracker.context
    for (const id of [anonymousId, conversationId, sent, received]) {
      expect(validateUuid(id), id).toBe(true)
      expect(uuidVersion(id), id).toBe(7)
    }
    // time-ordered: minted later sorts later
    expect([received, sent, conversationId, anonymousId].sort()).toEqual([anonymousId, conversationId, sent, received])
    // the app's own IDs are kept as they are
    expect(tracker.messageSent({ body: 'Again', messageId: 'user-msg-1' })).toBe('user-msg-1')
    await copilot.flush()
    expect(tracks(destination).map((event) => event.properties.messageId)).toEqual([sent, received, 'user-msg-1'])
  })

  it("returns each method's own 'nothing sent' value when its input cannot even be read, and reports it", async () => {
    const errors: CopilotAnalyticsError[] = []
    const destination = memoryDestination()
    const copilot = createServerAnalytics({ destination, onError: (error) => errors.push(error) })
    const tracker = copilot.forRequest(request({ 'x-copilot-anonymous-id': 'anon-p' }))
    const unreadable = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('hostile')
        },
      },
    )
    expect(tracker.messageSent(unreadable as never)).toBe('')
    expect(tracker.messageReceived(unreadable as never)).toBe('')
    expect(tracker.componentLoaded(unreadable as never)).toBe(false)
    expect(tracker.feedbackSubmitted(unreadable as never)).toBeUndefined()
    expect(tracker.actionInvoked(unreadable as never)).toBeUndefined()
    await copilot.flush()
    expect(destination.events).toEqual([])
    expect(errors.map((error) => error.event)).toEqual([
      'messageSent',
      'messageReceived',
      'componentLoaded',
      'feedbackSubmitted',
      'actionInvoked',
    ])
  })

  it('applies the same pipeline options as the browser: messageBody, beforeSend, sampling', async () => {
    const destination = memoryDestination()
    const copilot = createServerAnalytics({
      destination,
      messageBody: 'omit',
      sample: { 'Component Loaded': 0 },
      beforeSend: (event) => (event.type === 'track' && event.event === 'Secret' ? null : event),
    })
    const tracker = copilot.forRequest(request({ 'x-copilot-anonymous-id': 'a-1' }))
    tracker.messageSent({ body: 'my card is 4242' })
    tracker.componentLoaded({ type: 'Chart' })
    tracker.track('Secret')
    await copilot.flush()
    expect(tracks(destination).map((event) => event.event)).toEqual(['Message Sent'])
    expect(tracks(destination)[0]?.properties).not.toHaveProperty('message_body')
    expect(tracks(destination)[0]?.properties).toMatchObject({ role: 'customer' })
  })

  it('takes an analytics-node instance of your own', async () => {
    const analytics = new Analytics({ writeKey: 'own-key', host: running.url, flushAt: 1 })
    const copilot = createServerAnalytics({ analytics })
    copilot.forRequest(request({ 'x-copilot-anonymous-id': 'own-anon' })).track('Own Instance')
    await copilot.flush()
    expect((await rows(`anonymous_id = 'own-anon'`)).map((row) => row.write_key)).toEqual([fingerprint('own-key')])
    await analytics.closeAndFlush()
  })
})

describe('forRequest treats headers and cookies as hostile input', () => {
  it('refuses over-long, control-character and badly encoded IDs, and fails closed on unknown consent', () => {
    const context = readCopilotContext(
      request({
        'x-copilot-anonymous-id': 'a'.repeat(300),
        'x-copilot-user-id': 'bad%E0%A4%A',
        'x-copilot-conversation-id': 'c%0Aline',
        'x-copilot-consent': 'yes please',
      }),
    )
    expect(context).toMatchObject({
      anonymousId: undefined,
      userId: undefined,
      conversationId: undefined,
      consent: 'denied',
    })
    expect(context.refused).toEqual(['anonymousId', 'userId', 'conversationId', 'consent'])
  })

  it('never throws and only ever tracks with valid identities (seeded fuzz)', async () => {
    const destination = memoryDestination()
    const copilot = createServerAnalytics({ destination, onError: () => {} })
    const headerValue = fc.oneof(fc.string({ maxLength: 600 }), fc.string({ unit: 'binary', maxLength: 40 }))
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            'x-copilot-anonymous-id': headerValue,
            'x-copilot-user-id': headerValue,
            'x-copilot-conversation-id': headerValue,
            'x-copilot-consent': fc.oneof(fc.constantFrom('granted', 'denied', 'pending', 'GRANTED'), headerValue),
            cookie: headerValue,
          },
          { requiredKeys: [] },
        ),
        async (headers) => {
          const tracker = copilot.forRequest(headers)
          tracker.track('Fuzzed', { value: 1 })
          const { anonymousId, conversationId } = tracker.context
          for (const id of [anonymousId, conversationId]) {
            expect(id.length).toBeGreaterThan(0)
            expect(id.length).toBeLessThanOrEqual(256)
            // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not pass
            expect(id).not.toMatch(/[\u0000-\u001f]/)
          }
        },
      ),
      { seed: 16, numRuns: 300 },
    )
    await copilot.flush()
    expect(destination.events.every((event) => typeof event.anonymousId === 'string')).toBe(true)
  })
})

describe('copilot-analytics/server stays out of browsers', () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
  const importAs = (conditions: string[]) =>
    promisify(execFile)(
      process.execPath,
      [
        ...conditions.map((condition) => `--conditions=${condition}`),
        '--input-type=module',
        '-e',
        "const m = await import('copilot-analytics/server'); console.log(typeof m.createServerAnalytics)",
      ],
      { cwd: root, timeout: 30_000 },
    )

  it('resolves for Node and refuses to load under the browser condition (the built package)', async () => {
    expect((await importAs([])).stdout.trim()).toBe('function')
    await expect(importAs(['browser'])).rejects.toThrow(/copilot-analytics\/server is server-only/)
  })
})
