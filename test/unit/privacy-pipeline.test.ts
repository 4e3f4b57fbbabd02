import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  type CopilotAnalyticsError,
  type CopilotAnalyticsOptions,
  type CopilotEvent,
  consentFromCategories,
  createCopilotAnalytics,
  type EventRecord,
  memoryDestination,
  type PlanEvents,
  validateEvent,
} from '../../src/core'
import { redact } from '../../src/core/redact'
import { stockPurchasePlan } from '../support/stockPurchasePlan'

const setup = (options: CopilotAnalyticsOptions = {}) => {
  const destination = memoryDestination()
  const errors: CopilotAnalyticsError[] = []
  const records: EventRecord[] = []
  const client = createCopilotAnalytics({
    destination,
    storage: null,
    onError: (error) => errors.push(error),
    onEvent: (record) => records.push(record),
    ...options,
  })
  const tracks = () => destination.events.flatMap((e) => (e.type === 'track' ? [e] : []))
  const names = () => destination.events.map((e) => (e.type === 'track' ? e.event : 'identify'))
  return { client, destination, errors, records, tracks, names }
}

/** `setup`, once the client's engine is here: events reach the destination as they are made. */
const ready = async (options: CopilotAnalyticsOptions = {}) => {
  const made = setup(options)
  await made.client.flush()
  return made
}

// development warnings are part of what is tested; keep them out of the test output
beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})

const BODY = 'I am ann@example.com, card 4111 1111 1111 1111'

describe('messageBody', () => {
  it("'redact' loads its rules on first use, then sends the body with typed placeholders, in order", async () => {
    const { client, tracks, records } = setup({ messageBody: 'redact' })
    client.messageSent({ body: BODY })
    client.track('Stock Purchased', { ticker: 'NVDA' })
    // nothing leaves, not even unredacted, until the rules are here
    expect(records).toHaveLength(0)
    await client.flush()
    expect(tracks().map((e) => e.event)).toEqual(['Conversation Started', 'Message Sent', 'Stock Purchased'])
    expect(tracks()[1]?.properties.message_body).toBe('I am [email], card [card]')
  })

  it('the imported redact as messageBody redacts synchronously', async () => {
    const { client, tracks } = await ready({ messageBody: redact })
    client.messageSent({ body: BODY })
    expect(tracks()[1]?.properties.message_body).toBe('I am [email], card [card]')
  })

  it("'omit' sends message_body_length only", async () => {
    const { client, tracks } = await ready({ messageBody: 'omit' })
    client.messageReceived({ body: 'héllo 👋' })
    expect(tracks()[0]?.properties).not.toHaveProperty('message_body')
    expect(tracks()[0]?.properties.message_body_length).toBe(7)
  })

  it('a function gets the body and the event name', async () => {
    const messageBody = vi.fn((body: string, event: string) => `${event}: ${body.length}`)
    const { client, tracks } = await ready({ messageBody })
    client.messageSent({ body: 'abc' })
    expect(messageBody).toHaveBeenCalledWith('abc', 'Message Sent')
    expect(tracks()[1]?.properties.message_body).toBe('Message Sent: 3')
  })

  it('a function that throws never lets the raw body through', async () => {
    const { client, tracks, errors } = await ready({
      messageBody: () => {
        throw new Error('boom')
      },
    })
    client.messageSent({ body: BODY })
    expect(tracks()[1]?.properties).not.toHaveProperty('message_body')
    expect(tracks()[1]?.properties.message_body_length).toBe(BODY.length)
    expect(errors.map((e) => e.message).join('\n')).toMatch(
      /Message Sent: message_body: the messageBody function threw/,
    )
  })
})

describe('consent', () => {
  it('pending holds events, granted sends them in order', async () => {
    const { client, destination, names, records } = await ready({ consent: 'pending' })
    client.start()
    client.messageSent({ body: 'one' })
    client.feedbackSubmitted({ rating: 1 })
    expect(destination.events).toHaveLength(0)
    expect(records.map((r) => r.status)).toEqual(['held', 'held', 'held', 'held'])
    client.setConsent('granted')
    expect(names()).toEqual(['identify', 'Conversation Started', 'Message Sent', 'Feedback Submitted'])
    client.messageReceived({ body: 'two' })
    expect(names().at(-1)).toBe('Message Received')
  })

  it('holds at most maxPendingEvents, dropping the oldest with a report', async () => {
    const { client, tracks, errors } = await ready({ consent: 'pending', maxPendingEvents: 3 })
    for (const n of [1, 2, 3, 4, 5]) client.track('Step', { n })
    client.setConsent('granted')
    expect(tracks().map((e) => e.properties.n)).toEqual([3, 4, 5])
    expect(errors.filter((e) => /maxPendingEvents/.test(e.message))).toHaveLength(2)
  })

  it('denied sends nothing at all, identify included, and drops what was held', async () => {
    const { client, destination, records } = await ready({ consent: 'pending' })
    client.track('Held', {})
    client.setConsent('denied')
    client.start()
    client.identify('user-1', { plan: 'pro' })
    client.messageSent({ body: 'hi' })
    client.endConversation()
    expect(destination.events).toHaveLength(0)
    expect(records.filter((r) => r.status === 'dropped').map((r) => r.reason)).toContain('consent denied')
  })

  it('sends the anonymous identify once consent is given after a denial', async () => {
    const { client, names } = await ready({ consent: 'denied' })
    client.start()
    client.messageSent({ body: 'not sent' })
    client.setConsent('granted')
    client.messageSent({ body: 'sent' })
    expect(names()).toEqual(['identify', 'Message Sent'])
  })

  it('maps consent manager categories', () => {
    expect(consentFromCategories(undefined)).toBe('pending')
    expect(consentFromCategories({})).toBe('pending')
    expect(consentFromCategories({ Analytics: true, Advertising: false })).toBe('granted')
    expect(consentFromCategories({ Analytics: false })).toBe('denied')
    expect(consentFromCategories({ C0002: true, C0004: false }, ['C0002', 'C0004'])).toBe('denied')
  })
})

describe('sample', () => {
  it('sends none at rate 0 and all at rate 1, reporting why to listeners', async () => {
    const { client, tracks, records } = await ready({ sample: { 'Component Loaded': 0, 'Action Invoked': 1 } })
    for (const type of ['A', 'B', 'C']) client.componentLoaded({ type })
    client.actionInvoked({ type: 'Lookup', action: 'NVDA' })
    expect(tracks().map((e) => e.event)).toEqual(['Action Invoked'])
    expect(tracks()[0]?.properties).not.toHaveProperty('sample_rate')
    expect(records.filter((r) => r.reason === 'sampled out')).toHaveLength(3)
  })

  it('keeps about the given share and marks kept events with sample_rate', async () => {
    const { client, tracks } = await ready({ sample: { 'Chart Hovered': 0.5 } })
    for (let n = 0; n < 2000; n++) client.track('Chart Hovered', { n })
    // binomial(2000, 0.5): 800..1200 is more than 8 standard deviations wide
    expect(tracks().length).toBeGreaterThan(800)
    expect(tracks().length).toBeLessThan(1200)
    expect(tracks().every((e) => e.properties.sample_rate === 0.5)).toBe(true)
  })

  it('refuses to sample lifecycle events and identify, with a warning', async () => {
    const warn = vi.mocked(console.warn)
    const { client, names } = await ready({
      sample: {
        'Message Sent': 0,
        'Conversation Started': 0,
        'Conversation Ended': 0,
        'Message Received': 0,
        Identify: 0,
      },
    })
    client.start()
    client.messageSent({ body: 'a' })
    client.messageReceived({ body: 'b' })
    client.endConversation()
    expect(names()).toEqual([
      'identify',
      'Conversation Started',
      'Message Sent',
      'Message Received',
      'Conversation Ended',
    ])
    expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/Message Sent: sample: lifecycle/)
  })

  it('reports an invalid rate and sends every event', async () => {
    const { client, tracks, errors } = await ready({ sample: { 'Component Loaded': 2 } })
    client.componentLoaded({ type: 'Chart' })
    expect(tracks()).toHaveLength(1)
    expect(errors[0]?.message).toMatch(/Component Loaded: sample: the rate must be a number from 0 to 1/)
  })
})

describe('beforeSend', () => {
  it('enriches events and sees the body after privacy', async () => {
    const seen: CopilotEvent[] = []
    const { client, tracks } = await ready({
      messageBody: redact,
      beforeSend: (event) => {
        seen.push(event)
        return event.type === 'track' ? { ...event, properties: { ...event.properties, tenant: 'acme' } } : event
      },
    })
    client.messageSent({ body: BODY })
    expect(seen[1]?.type === 'track' && seen[1].properties.message_body).toBe('I am [email], card [card]')
    expect(tracks()[1]?.properties).toMatchObject({ tenant: 'acme', message_body: 'I am [email], card [card]' })
  })

  it('drops an event when it returns null', async () => {
    const { client, names, records } = await ready({
      beforeSend: (event) => (event.type === 'track' && event.event === 'Debug Ping' ? null : event),
    })
    client.track('Debug Ping', {})
    client.track('Stock Purchased', { ticker: 'NVDA' })
    expect(names()).toEqual(['Stock Purchased'])
    expect(records[0]).toMatchObject({ status: 'dropped', reason: 'dropped by beforeSend' })
  })

  it('fails closed: a throw or an unusable result drops the event and is reported', async () => {
    const { client, destination, errors } = await ready({
      beforeSend: (event) => {
        if (event.type === 'track' && event.event === 'Boom') throw new Error('boom')
        return { ...event, type: 'page' } as unknown as CopilotEvent
      },
    })
    expect(() => {
      client.track('Boom', {})
      client.track('Other', {})
    }).not.toThrow()
    expect(destination.events).toHaveLength(0)
    expect(errors.map((e) => e.message)).toEqual([
      '[copilot-analytics] Boom: beforeSend: threw; the event was dropped',
      '[copilot-analytics] Other: beforeSend: changed the event type to page; the event was dropped',
    ])
  })

  it('runs before validation: strict validation checks what beforeSend returns', async () => {
    const { client, tracks, errors } = await ready({
      validate: 'strict',
      beforeSend: (event) =>
        event.type === 'track' && event.event === 'Feedback Submitted'
          ? { ...event, properties: { ...event.properties, rating: 'five' } }
          : event,
    })
    client.feedbackSubmitted({ rating: 5 })
    expect(tracks()).toHaveLength(0)
    expect(errors[0]?.message).toBe(
      '[copilot-analytics] Feedback Submitted: rating: rating must be a number, got string',
    )
  })
})

describe('validate', () => {
  const invalid = (client: ReturnType<typeof setup>['client']) => {
    client.track('Feedback Submitted', { rating: 'good' } as never)
    client.track('Feedback Submitted', { rating: 'bad' } as never)
  }

  it("'warn' sends invalid events and warns once per problem, naming event and field", async () => {
    const warn = vi.mocked(console.warn)
    const { client, tracks, records } = await ready({ validate: 'warn' })
    invalid(client)
    expect(tracks()).toHaveLength(2)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn).toHaveBeenCalledWith(
      '[copilot-analytics] Feedback Submitted: rating: rating must be a number, got string',
    )
    expect(records[0]?.problems).toEqual([
      { event: 'Feedback Submitted', field: 'rating', message: 'rating must be a number, got string' },
    ])
  })

  it("'strict' drops invalid events and reports each through onError", async () => {
    const { client, tracks, errors, records } = await ready({ validate: 'strict' })
    invalid(client)
    client.feedbackSubmitted({ rating: 1 })
    expect(tracks().map((e) => e.properties.rating)).toEqual([1])
    expect(errors.filter((e) => e.event === 'Feedback Submitted' && e.field === 'rating')).toHaveLength(2)
    expect(records[0]).toMatchObject({ status: 'dropped', reason: 'invalid (validate: strict)' })
  })

  it("'off' sends invalid events without a check or a warning", async () => {
    const warn = vi.mocked(console.warn)
    const { client, tracks, errors, records } = await ready({ validate: 'off' })
    invalid(client)
    expect(tracks()).toHaveLength(2)
    expect(errors).toHaveLength(0)
    expect(warn).not.toHaveBeenCalled()
    expect(records[0]?.problems).toEqual([])
  })

  it('in a production build validation is off unless asked for', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    try {
      const warn = vi.mocked(console.warn)
      const { client, tracks, records, errors } = await ready()
      invalid(client)
      expect(tracks()).toHaveLength(2)
      expect(records.map((r) => r.problems)).toEqual([[], []])
      expect(errors).toHaveLength(0)
      expect(warn).not.toHaveBeenCalled()
      // asking means passing the validator, so production bundles that don't ask carry neither it nor the spec table
      const asked = await ready({ validate: 'strict', validator: validateEvent })
      invalid(asked.client)
      expect(asked.tracks()).toHaveLength(0)
      expect(asked.errors).toHaveLength(2)
      expect(warn).not.toHaveBeenCalled()
      const half = await ready({ validate: 'strict' })
      invalid(half.client)
      expect(half.tracks()).toHaveLength(2)
      expect(half.errors.map((e) => e.field)).toEqual(['validator'])
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it('checks your own plan like the spec', async () => {
    const plan = stockPurchasePlan
    const { client, tracks, errors } = await ready({ validate: 'strict', plan })
    const typed = client as unknown as ReturnType<typeof createCopilotAnalytics<PlanEvents<typeof plan>>>
    typed.track('Stock Purchased', { ticker: 'NVDA', quantity: 10 })
    typed.track('Stock Purchased', { ticker: 'NVDA', quantity: '10' as unknown as number })
    typed.track('Stock Purchased', { quantity: 1 } as never)
    expect(tracks().map((e) => e.properties.quantity)).toEqual([10])
    expect(errors.map((e) => `${e.event}: ${e.field}`)).toEqual([
      'Stock Purchased: quantity',
      'Stock Purchased: ticker',
    ])
  })
})
