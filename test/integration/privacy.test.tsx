import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  type CopilotAnalyticsError,
  type CopilotAnalyticsOptions,
  createCopilotAnalytics,
  type EventRecord,
} from '../../src/core'
import { type Sink, type SinkCall, startSink } from '../support/sink'
import { stockPurchasePlan } from '../support/stockPurchasePlan'

// Every test sends through the real @segment/analytics-next to a fresh loopback sink and asserts what arrived.

let sink: Sink
let keyCount = 0
beforeEach(async () => {
  sink = await startSink()
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => sink.close())

const connect = (options: CopilotAnalyticsOptions = {}) => {
  const errors: CopilotAnalyticsError[] = []
  const records: EventRecord[] = []
  const client = createCopilotAnalytics({
    apiHost: sink.apiHost,
    // a write key per test: analytics-next keeps per-key state in localStorage
    writeKey: `privacy-${++keyCount}`,
    storage: null,
    onError: (error) => errors.push(error),
    onEvent: (record) => records.push(record),
    ...options,
  })
  return { client, errors, records }
}

const label = (call: SinkCall) => (call.body.type === 'track' ? String(call.body.event) : String(call.body.type))
const tracksNamed = (event: string) => sink.tracks().filter((body) => body.event === event)
const has =
  (event: string, count = 1) =>
  () =>
    tracksNamed(event).length >= count

const PERSONAL =
  'Reach me at ann.lee@example.com or +44 20 7946 0958; pay with 4111 1111 1111 1111 from DE89 3704 0044 0532 0130 00'
const RAW_PARTS = ['ann.lee@example.com', '7946 0958', '4111 1111', '3704 0044']

describe('messageBody on the wire', () => {
  it("'redact' sends placeholders, and no raw personal data reaches the wire", async () => {
    const { client } = connect({ messageBody: 'redact' })
    client.messageSent({ body: PERSONAL })
    client.messageReceived({
      body: 'Your key sk-proj-abcdef1234567890ABCDEF is set, server 10.1.2.3. NVDA is at $135.20.',
    })
    await sink.waitFor(has('Message Received'))
    expect(tracksNamed('Message Sent')[0]?.properties?.message_body).toBe(
      'Reach me at [email] or [phone]; pay with [card] from [iban]',
    )
    expect(tracksNamed('Message Received')[0]?.properties?.message_body).toBe(
      'Your key [api_key] is set, server [ip]. NVDA is at $135.20.',
    )
    const wire = JSON.stringify(sink.calls)
    for (const part of RAW_PARTS) expect(wire).not.toContain(part)
  })

  it("'omit' sends message_body_length and no message_body", async () => {
    const { client } = connect({ messageBody: 'omit' })
    client.messageSent({ body: PERSONAL })
    await sink.waitFor(has('Message Sent'))
    const properties = tracksNamed('Message Sent')[0]?.properties ?? {}
    expect(properties).not.toHaveProperty('message_body')
    expect(properties.message_body_length).toBe(PERSONAL.length)
    expect(JSON.stringify(sink.calls)).not.toContain('ann.lee@example.com')
  })

  it('a function decides per event', async () => {
    const { client } = connect({
      messageBody: (body, event) => (event === 'Message Sent' ? `${body.split(' ').length} words` : body),
    })
    client.messageSent({ body: 'my secret plan for today' })
    client.messageReceived({ body: 'Here is a plan.' })
    await sink.waitFor(has('Message Received'))
    expect(tracksNamed('Message Sent')[0]?.properties?.message_body).toBe('5 words')
    expect(tracksNamed('Message Received')[0]?.properties?.message_body).toBe('Here is a plan.')
  })
})

describe('consent on the wire', () => {
  it('pending sends nothing; granted sends what was held, in order, then new events', async () => {
    const { client } = connect({ consent: 'pending' })
    client.start()
    const first = client.messageSent({ body: 'first' })
    client.messageReceived({ body: 'answer' })
    client.feedbackSubmitted({ rating: 1, messageId: first })
    await client.flush()
    expect(sink.requests).toEqual([])

    client.setConsent('granted')
    client.messageSent({ body: 'after consent' })
    await sink.waitFor((calls) => calls.length >= 6)
    expect(sink.calls.map(label)).toEqual([
      'identify',
      'Conversation Started',
      'Message Sent',
      'Message Received',
      'Feedback Submitted',
      'Message Sent',
    ])
    expect(sink.tracks().map((body) => body.properties?.message_body ?? null)).toEqual([
      null,
      'first',
      'answer',
      null,
      'after consent',
    ])
  })

  it('denied sends nothing at all, identify included', async () => {
    const { client, records } = connect({ consent: 'denied' })
    client.start()
    client.identify('user-42', { email: 'ann@example.com' })
    client.messageSent({ body: 'denied message' })
    client.componentLoaded({ type: 'Stock Price Chart' })
    client.endConversation()
    await client.flush()
    expect(records.map((r) => r.status)).toEqual(['dropped', 'dropped', 'dropped', 'dropped', 'dropped'])
    expect(sink.requests).toEqual([])

    // proof that the sink was listening: once consent is given, only what happens after it arrives
    client.setConsent('granted')
    client.track('After Consent', { n: 1 })
    await sink.waitFor(has('After Consent'))
    expect(sink.calls.map(label)).toEqual(['identify', 'After Consent'])
    expect(JSON.stringify(sink.calls)).not.toContain('denied message')
  })
})

describe('validation, sampling and beforeSend on the wire', () => {
  it("'strict' drops invalid events and reports them; valid ones arrive", async () => {
    const plan = stockPurchasePlan
    const { client, errors } = connect({ validate: 'strict', plan })
    client.track('Feedback Submitted', { rating: 'great' } as never)
    client.track('Stock Purchased', { ticker: 'NVDA', quantity: 'ten' })
    client.track('Stock Purchased', { ticker: 'NVDA', quantity: 10 })
    client.feedbackSubmitted({ rating: 5 })
    await sink.waitFor(has('Feedback Submitted'))
    expect(sink.tracks().map((body) => [body.event, body.properties?.rating ?? body.properties?.quantity])).toEqual([
      ['Stock Purchased', 10],
      ['Feedback Submitted', 5],
    ])
    expect(errors.map((e) => `${e.event}: ${e.field}`)).toEqual([
      'Feedback Submitted: rating',
      'Stock Purchased: quantity',
    ])
  })

  it('samples high-volume events by rate but never lifecycle events', async () => {
    const { client, errors } = connect({
      sample: { 'Component Loaded': 0, 'Message Sent': 0, 'Tool Hovered': 0.999999 },
    })
    client.messageSent({ body: 'hi' })
    for (const type of ['Stock Price Chart', 'Stock List', 'Purchase Form']) client.componentLoaded({ type })
    client.messageReceived({ body: 'hello' })
    client.track('Tool Hovered', { tool: 'chart' })
    client.endConversation()
    await sink.waitFor(has('Conversation Ended'))
    expect(sink.tracks().map((body) => body.event)).toEqual([
      'Conversation Started',
      'Message Sent',
      'Message Received',
      'Tool Hovered',
      'Conversation Ended',
    ])
    expect(tracksNamed('Tool Hovered')[0]?.properties?.sample_rate).toBe(0.999999)
    expect(errors.map((e) => e.message)).toContain(
      '[copilot-analytics] Message Sent: sample: lifecycle and identify events are never sampled; every one is sent',
    )
  })

  it('beforeSend enriches and filters what reaches the wire', async () => {
    const { client } = connect({
      messageBody: 'redact',
      beforeSend: (event) => {
        if (event.type === 'identify') return { ...event, traits: { ...event.traits, tenant: 'acme' } }
        if (event.event === 'Debug Ping') return null
        return { ...event, properties: { ...event.properties, tenant: 'acme' } }
      },
    })
    client.start()
    client.track('Debug Ping', {})
    client.messageSent({ body: 'mail ann@example.com' })
    await sink.waitFor(has('Message Sent'))
    expect(sink.calls.map(label)).toEqual(['identify', 'Conversation Started', 'Message Sent'])
    expect(sink.calls[0]?.body.traits).toMatchObject({ tenant: 'acme' })
    expect(tracksNamed('Message Sent')[0]?.properties).toMatchObject({ tenant: 'acme', message_body: 'mail [email]' })
  })
})
