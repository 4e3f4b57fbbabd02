// The client's first moments: its engine is a chunk of its own, imported when the client is created, the one async
// boundary between an app's call and the destination. Each test here starts from a fresh module graph, so nothing is
// loaded yet.
import { afterEach, expect, it, vi } from 'vitest'
import type * as Core from '../../src/core'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** The core entry as an app gets it on a fresh page: the engine module not imported yet. */
const freshCore = async () => {
  vi.resetModules()
  return (await import('../../src/core')) as typeof Core
}

const trackNames = (events: readonly Core.CopilotEvent[]) =>
  events.map((event) => (event.type === 'track' ? event.event : event.type))

afterEach(() => {
  vi.doUnmock('../../src/core/loadEngine')
  vi.doUnmock('../../src/core/redact')
})

it('answers at once while the pipeline loads, then hands every call over in order', async () => {
  const { createCopilotAnalytics, memoryDestination } = await freshCore()
  const destination = memoryDestination()
  const records: Core.EventRecord[] = []
  const client = createCopilotAnalytics({ destination, storage: null, onEvent: (record) => records.push(record) })

  const messageId = client.messageSent({ body: 'What is the best stock?' })
  client.track('Stock Purchased', { ticker: 'NVDA' })
  client.endConversation()
  // ids and state do not wait for the pipeline; delivery does
  expect(messageId).toMatch(UUID_V4)
  expect(client.getState().conversation).toMatchObject({ messageCount: 1, started: true, ended: true })
  expect(destination.events).toHaveLength(0)

  await client.flush()
  expect(trackNames(destination.events)).toEqual([
    'Conversation Started',
    'Message Sent',
    'Stock Purchased',
    'Conversation Ended',
  ])
  expect(destination.events[1]).toMatchObject({
    properties: { messageId, message_body: 'What is the best stock?', role: 'customer' },
  })
  expect(records.map((record) => record.status)).toEqual(['sent', 'sent', 'sent', 'sent'])
})

it('keeps what the app passed as it was at the call, even if the app changes it before the pipeline is here', async () => {
  const { createCopilotAnalytics, memoryDestination } = await freshCore()
  const destination = memoryDestination()
  const client = createCopilotAnalytics({ destination, storage: null })
  const input = { type: 'search', action: 'quote NVDA', source: 'toolbar' }
  client.actionInvoked(input)
  input.source = 'changed later'
  await client.flush()
  expect(destination.events[0]).toMatchObject({ properties: { source: 'toolbar', role: 'customer' } })
})

it('a listener added before the pipeline loads sees every later event; one removed before it loads sees none', async () => {
  const { createCopilotAnalytics, memoryDestination } = await freshCore()
  const client = createCopilotAnalytics({ destination: memoryDestination(), storage: null })
  client.track('Before Listening')
  const seen: string[] = []
  const unseen: string[] = []
  client.listen((record) => seen.push(record.event.type === 'track' ? record.event.event : 'identify'))
  const stop = client.listen((record) => unseen.push(record.event.type))
  stop()
  client.track('After Listening')
  await client.flush()
  expect(seen).toEqual(['After Listening'])
  expect(unseen).toEqual([])
})

it('problems found before the pipeline loads reach onError once it is here, with the development text', async () => {
  const { createCopilotAnalytics, memoryDestination } = await freshCore()
  const errors: Core.CopilotAnalyticsError[] = []
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  const client = createCopilotAnalytics({
    destination: memoryDestination(),
    storage: null,
    onError: (error) => errors.push(error),
  })
  expect(client.feedbackSubmitted({ rating: Number.NaN })).toBeUndefined()
  expect(errors).toEqual([])
  await client.flush()
  expect(errors.map((error) => error.message)).toEqual([
    "[copilot-analytics] Feedback Submitted: rating: must be a finite number or 'up'/'down', got NaN; not sent",
  ])
  expect(errors[0]).toMatchObject({ name: 'CopilotAnalyticsError', event: 'Feedback Submitted', field: 'rating' })
})

it('two clients made before their engine loaded each deliver in call order, and neither makes another synchronous', async () => {
  const { createCopilotAnalytics } = await freshCore()
  // one recording destination for both: what each client sends, in the order the destination received it
  const received: string[] = []
  const recording = (client: string): Core.Destination => ({
    send: (event) => {
      received.push(`${client}:${event.type === 'track' ? event.event : event.type}`)
      return Promise.resolve({ delivered: true })
    },
  })
  const first = createCopilotAnalytics({ destination: recording('first'), storage: null })
  const second = createCopilotAnalytics({ destination: recording('second'), storage: null })
  first.track('One')
  second.track('Two')
  first.track('Three')
  second.identify('user-2')
  expect(received).toEqual([])
  await Promise.all([first.flush(), second.flush()])
  const of = (client: string) => received.filter((entry) => entry.startsWith(`${client}:`))
  expect(of('first')).toEqual(['first:One', 'first:Three'])
  expect(of('second')).toEqual(['second:Two', 'second:identify'])

  // the engine module is in this process now, and both clients run at once; a new client still waits for its own
  first.track('Four')
  expect(of('first')).toEqual(['first:One', 'first:Three', 'first:Four'])
  const third = createCopilotAnalytics({ destination: recording('third'), storage: null })
  third.track('Five')
  expect(of('third')).toEqual([])
  await third.flush()
  expect(of('third')).toEqual(['third:Five'])
})

it('a test helper gets its engine up front for its own client only', async () => {
  const { createCopilotAnalytics, memoryDestination } = await freshCore()
  const { createTestCopilotAnalytics } = await import('../../src/testing')
  const helper = createTestCopilotAnalytics()
  helper.track('At Once')
  expect(trackNames(helper.events)).toEqual(['At Once'])
  const destination = memoryDestination()
  const client = createCopilotAnalytics({ destination, storage: null })
  client.track('Later')
  expect(destination.events).toEqual([])
  await client.flush()
  expect(trackNames(destination.events)).toEqual(['Later'])
})

it('when the pipeline cannot load, onError says so, no call throws and flush still resolves', async () => {
  vi.resetModules()
  vi.doMock('../../src/core/loadEngine', () => {
    throw new Error('Failed to fetch dynamically imported module')
  })
  const { createCopilotAnalytics, memoryDestination } = (await import('../../src/core')) as typeof Core
  const destination = memoryDestination()
  const errors: Core.CopilotAnalyticsError[] = []
  const client = createCopilotAnalytics({ destination, storage: null, onError: (error) => errors.push(error) })
  expect(() => client.messageSent({ body: 'hello' })).not.toThrow()
  await expect(client.flush()).resolves.toBeUndefined()
  expect(() => client.track('After The Failure')).not.toThrow()
  expect(destination.events).toEqual([])
  expect(errors.map((error) => error.message)).toEqual([
    '[copilot-analytics] createCopilotAnalytics: the pipeline did not load',
  ])
  // the import's own error rides along as the cause (here wrapped by Vitest's mocker)
  expect(errors[0]?.cause).toBeInstanceOf(Error)
})

it("'redact' whose rules cannot load sends no body at all, only its length, and says why", async () => {
  vi.resetModules()
  vi.doMock('../../src/core/redact', () => {
    throw new Error('Failed to fetch dynamically imported module')
  })
  const { createCopilotAnalytics, memoryDestination } = (await import('../../src/core')) as typeof Core
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  const destination = memoryDestination()
  const errors: Core.CopilotAnalyticsError[] = []
  const client = createCopilotAnalytics({
    destination,
    storage: null,
    messageBody: 'redact',
    onError: (error) => errors.push(error),
  })
  client.messageSent({ body: 'Mail ann@example.com' })
  await client.flush()
  const sent = destination.events.find((event) => event.type === 'track' && event.event === 'Message Sent')
  expect(sent).toMatchObject({ properties: { message_body_length: 20 } })
  expect(sent?.type === 'track' && sent.properties).not.toHaveProperty('message_body')
  expect(errors.map((error) => error.message)).toContain(
    '[copilot-analytics] createCopilotAnalytics: messageBody: redaction rules did not load; bodies omitted',
  )
})

it('a destination that throws while the queued calls are handed over stops neither the rest nor the page', async () => {
  const { createCopilotAnalytics, memoryDestination } = await freshCore()
  const memory = memoryDestination()
  const throwing: Core.Destination = {
    send: (event) => memory.send(event),
    reset: () => {
      throw new Error('reset failed')
    },
  }
  const errors: string[] = []
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  const client = createCopilotAnalytics({
    destination: throwing,
    storage: null,
    onError: (error) => errors.push(error.message),
  })
  client.track('Before Logout')
  client.reset()
  client.track('After Logout')
  await client.flush()
  // reset() also announces the new anonymous visitor
  expect(trackNames(memory.events)).toEqual(['Before Logout', 'identify', 'After Logout'])
  expect(errors).toContain('[copilot-analytics] createCopilotAnalytics: failed unexpectedly; nothing was sent')
})

it("with 'redact', a destination that throws on an event that waited for the rules loses only that event", async () => {
  const { createCopilotAnalytics, memoryDestination } = await freshCore()
  const memory = memoryDestination()
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => unhandled.push(reason)
  process.on('unhandledRejection', onUnhandled)
  try {
    const errors: string[] = []
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = createCopilotAnalytics({
      destination: {
        send: (event) => {
          if (event.type === 'track' && event.event === 'Boom') throw new Error('destination broke')
          return memory.send(event)
        },
      },
      storage: null,
      messageBody: 'redact',
      onError: (error) => errors.push(error.message),
    })
    client.track('Boom')
    client.messageSent({ body: 'Mail ann@example.com' })
    await client.flush()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(trackNames(memory.events)).toEqual(['Conversation Started', 'Message Sent'])
    expect(memory.events[1]).toMatchObject({ properties: { message_body: 'Mail [email]' } })
    expect(errors).toContain('[copilot-analytics] Boom: could not be sent')
    expect(unhandled).toEqual([])
  } finally {
    process.off('unhandledRejection', onUnhandled)
  }
})

it('with consent pending, analytics-next is not loaded until consent is given; then what was held goes out in order', async () => {
  vi.resetModules()
  const calls: string[] = []
  const load = vi.fn(async () => {
    const instance = {
      track: (event: string) => void calls.push(event),
      identify: () => void calls.push('identify'),
    }
    return [instance, {}]
  })
  vi.doMock('@segment/analytics-next', () => ({ AnalyticsBrowser: { load } }))
  try {
    const { createCopilotAnalytics } = (await import('../../src/core')) as typeof Core
    const client = createCopilotAnalytics({ writeKey: 'key', storage: null, consent: 'pending', validate: 'off' })
    client.track('Held One')
    client.track('Held Two')
    await client.flush()
    // the engine is here, yet nothing asked Segment for anything: no consent yet
    expect(load).not.toHaveBeenCalled()
    client.setConsent('granted')
    client.track('After Consent')
    await client.flush()
    expect(load).toHaveBeenCalledTimes(1)
    expect(calls).toEqual(['Held One', 'Held Two', 'After Consent'])
  } finally {
    vi.doUnmock('@segment/analytics-next')
  }
})

it('a listener that tracks while the queue drains goes behind the calls made before it', async () => {
  const { createCopilotAnalytics, memoryDestination } = await freshCore()
  const destination = memoryDestination()
  const client = createCopilotAnalytics({
    destination,
    storage: null,
    onEvent: (record) => {
      if (record.event.type === 'track' && record.event.event === 'First') client.track('From Listener')
    },
  })
  client.track('First')
  client.track('Second')
  await client.flush()
  expect(trackNames(destination.events)).toEqual(['First', 'Second', 'From Listener'])
})

it('a listener that tracks while held events are released goes behind them', async () => {
  const { createCopilotAnalytics, memoryDestination } = await freshCore()
  const destination = memoryDestination()
  const client = createCopilotAnalytics({
    destination,
    storage: null,
    consent: 'pending',
    onEvent: (record) => {
      if (record.status === 'sent' && record.event.type === 'track' && record.event.event === 'First')
        client.track('From Listener')
    },
  })
  client.track('First')
  client.track('Second')
  await client.flush()
  client.setConsent('granted')
  expect(trackNames(destination.events)).toEqual(['First', 'Second', 'From Listener'])
})

it('identify keeps what it can use at once, and the engine reports what it could not (once loaded)', async () => {
  const { createCopilotAnalytics, memoryDestination } = await freshCore()
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  const destination = memoryDestination()
  const errors: Core.CopilotAnalyticsError[] = []
  const client = createCopilotAnalytics({ destination, storage: null, onError: (error) => errors.push(error) })
  client.identify('user-1', { plan: 'pro' })
  client.identify({ id: 'user-2' } as never, ['not', 'traits'] as never)
  // the second call kept the first call's user and traits: nothing it gave could be used
  expect(client.getState().identity).toMatchObject({ userId: 'user-1', traits: { plan: 'pro' } })
  expect(errors).toEqual([])

  await client.flush()
  expect(errors.map((error) => error.message)).toEqual([
    '[copilot-analytics] Identify: userId: must be a string',
    '[copilot-analytics] Identify: traits: must be an object; ignored',
  ])
  const identifies = destination.events.filter((event) => event.type === 'identify')
  expect(identifies.map((event) => [event.userId, event.traits])).toEqual([
    ['user-1', { plan: 'pro' }],
    ['user-1', { plan: 'pro' }],
  ])
})

it("flush() resolves when the destination's own flush fails, and onError says so", async () => {
  const { createCopilotAnalytics } = await freshCore()
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  const errors: Core.CopilotAnalyticsError[] = []
  const client = createCopilotAnalytics({
    storage: null,
    destination: {
      send: async () => ({ delivered: true }),
      flush: () => Promise.reject(new Error('network down')),
    },
    onError: (error) => errors.push(error),
  })
  client.track('Stock Purchased')
  await expect(client.flush()).resolves.toBeUndefined()
  expect(errors.map((error) => error.message)).toEqual(['[copilot-analytics] flush: failed'])
  expect(errors[0]?.cause).toEqual(new Error('network down'))
})
