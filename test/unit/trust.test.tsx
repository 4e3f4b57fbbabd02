// Issue 13, items 6-10: hostile or odd input never throws, never crashes later, loses no event, and no event
// handed to the destination serialises over the limit. Each describe is one class of the issue.
import { render, renderHook } from '@testing-library/react'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  CopilotAnalyticsProvider,
  type CopilotEvent,
  createCopilotAnalytics,
  memoryDestination,
  useComponentTracking,
  useFeedback,
  useTrackMessage,
  withComponentTracking,
} from '../../src'
import { utf8Length } from '../../src/core/sanitize'
import { createTestCopilotAnalytics } from '../../src/testing'

const serialisedBytes = (event: CopilotEvent) => utf8Length(JSON.stringify(event))
const trackNamed = (events: readonly CopilotEvent[], name: string) =>
  events.find(
    (event): event is Extract<CopilotEvent, { type: 'track' }> => event.type === 'track' && event.event === name,
  )
const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

/** Every uncaught error and unhandled rejection while a test runs. */
const escaped: unknown[] = []
const onEscape = (error: unknown) => void escaped.push(error)
beforeEach(() => {
  escaped.length = 0
  process.on('uncaughtException', onEscape)
  process.on('unhandledRejection', onEscape)
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  process.off('uncaughtException', onEscape)
  process.off('unhandledRejection', onEscape)
})

const cyclic = () => {
  const value: Record<string, unknown> = { plan: 'pro' }
  value.self = value
  return value
}
const throwingProxy = () =>
  new Proxy(
    {},
    {
      get: () => {
        throw new Error('trap')
      },
      ownKeys: () => {
        throw new Error('trap')
      },
      getOwnPropertyDescriptor: () => {
        throw new Error('trap')
      },
      getPrototypeOf: () => {
        throw new Error('trap')
      },
      has: () => {
        throw new Error('trap')
      },
    },
  )
const withThrowingGetter = () =>
  Object.defineProperty({ plan: 'pro' }, 'secret', {
    enumerable: true,
    get() {
      throw new Error('getter')
    },
  })

describe('6. traits that JSON cannot serialise never throw later (the queued save)', () => {
  const hostileTraits: [string, () => unknown][] = [
    ['BigInt', () => ({ credits: 10n })],
    ['cyclic', () => ({ account: cyclic() })],
    [
      'throwing toJSON',
      () => ({
        when: {
          toJSON: () => {
            throw new Error('toJSON')
          },
        },
      }),
    ],
    ['throwing getter', withThrowingGetter],
    ['Proxy throwing on every trap', throwingProxy],
    ['Proxy as one trait', () => ({ nested: throwingProxy() })],
  ]
  it.each(hostileTraits)(
    'identify with %s traits: state is still saved, identify sent, nothing escapes',
    async (_, make) => {
      const saved = new Map<string, string>()
      const storage = {
        getItem: (key: string) => saved.get(key) ?? null,
        setItem: (key: string, value: string) => void saved.set(key, value),
        removeItem: (key: string) => void saved.delete(key),
      }
      const destination = memoryDestination()
      const onError = vi.fn()
      const client = createCopilotAnalytics({ destination, storage, onError })
      expect(() => client.identify('u-1', make() as Record<string, unknown>)).not.toThrow()
      client.messageSent({ body: 'after' })
      await tick()
      await client.flush()
      expect(escaped).toEqual([])
      const state = JSON.parse(saved.get('copilot-analytics:state') ?? '{}')
      expect(state.userId).toBe('u-1')
      expect(destination.events.filter((event) => event.type === 'identify').at(-1)?.userId).toBe('u-1')
      expect(trackNamed(destination.events, 'Message Sent')).toBeDefined()
    },
  )

  it('keeps what can be sent: BigInt as digits, the other traits as they are', async () => {
    const saved = new Map<string, string>()
    const storage = {
      getItem: (key: string) => saved.get(key) ?? null,
      setItem: (k: string, v: string) => void saved.set(k, v),
      removeItem: () => {},
    }
    const destination = memoryDestination()
    const onError = vi.fn()
    const client = createCopilotAnalytics({ destination, storage, onError })
    client.identify('u-1', { credits: 10n, plan: 'pro', account: cyclic() } as Record<string, unknown>)
    await tick()
    expect(JSON.parse(saved.get('copilot-analytics:state') ?? '{}').traits).toEqual({ credits: '10', plan: 'pro' })
    const identify = destination.events.filter((event) => event.type === 'identify').at(-1)
    expect(identify?.type === 'identify' && identify.traits).toEqual({ credits: '10', plan: 'pro' })
    expect(onError.mock.calls.map(([error]) => error.field)).toContain('traits.account')
  })

  it('options.traits that cannot be serialised (a Proxy) do not make the client or the provider throw', async () => {
    expect(() =>
      createCopilotAnalytics({ storage: null, traits: throwingProxy() as Record<string, unknown> }),
    ).not.toThrow()
    expect(() =>
      render(<CopilotAnalyticsProvider destination={memoryDestination()} traits={{ credits: 1n, loop: cyclic() }} />),
    ).not.toThrow()
    await tick()
    expect(escaped).toEqual([])
  })
})

describe('7. every event handed over fits the limit measured on its serialised JSON', () => {
  const LIMIT = 28 * 1024
  const sendAnswer = (body: string, extra: Record<string, unknown> = {}, maxEventBytes?: number) => {
    const client = createTestCopilotAnalytics({ ...(maxEventBytes ? { maxEventBytes } : {}), onError: () => {} })
    client.messageReceived({ body, ...extra })
    const event = trackNamed(client.events, 'Message Received')
    if (!event) throw new Error('not sent')
    return event
  }

  it('a 27 KB answer full of quotes, backslashes and newlines is cut to fit, marked with its original length', () => {
    const code = 'const s = "a\\\\b";\n'.repeat(1600) // ~27 KB of code, ~33 KB serialised
    expect(code.length).toBeGreaterThan(27_000)
    const event = sendAnswer(code)
    expect(serialisedBytes(event)).toBeLessThanOrEqual(LIMIT)
    expect(serialisedBytes(event)).toBeGreaterThan(LIMIT - 64) // keeps as much as fits
    expect(event.properties).toMatchObject({ message_body_truncated: true, message_body_length: code.length })
    expect(code.startsWith(event.properties.message_body as string)).toBe(true)
  })

  it('28,000 quotes (56 KB serialised) fit', () => {
    const event = sendAnswer('"'.repeat(28_000))
    expect(serialisedBytes(event)).toBeLessThanOrEqual(LIMIT)
    expect((event.properties.message_body as string).length).toBeGreaterThan(13_000)
  })

  it('a 100 KB code answer keeps close to the limit, not 9 KB', () => {
    const code = 'if (a) {\n  return "x\\ty"\n}\n'.repeat(3600)
    const event = sendAnswer(code)
    expect(serialisedBytes(event)).toBeLessThanOrEqual(LIMIT)
    expect(serialisedBytes(event)).toBeGreaterThan(LIMIT - 64)
  })

  it('control characters, non-ASCII and lone surrogates are counted as JSON.stringify writes them', () => {
    const body = '\u0001é😀\ud800\u2028x'.repeat(8000)
    const event = sendAnswer(body)
    expect(serialisedBytes(event)).toBeLessThanOrEqual(LIMIT)
    expect(serialisedBytes(event)).toBeGreaterThan(LIMIT - 64)
  })

  it('an oversized extra property, trait or ID is cut or dropped, reported by name; the event is still sent', () => {
    const onError = vi.fn()
    const client = createTestCopilotAnalytics({ onError })
    client.messageSent({ body: 'hi', pasted: 'x'.repeat(100_000), rows: Array.from({ length: 20_000 }, (_, i) => i) })
    client.identify('u'.repeat(100_000), { bio: 'b'.repeat(100_000) })
    client.track('Stock Purchased', { note: '"'.repeat(50_000) })
    for (const event of client.events) expect(serialisedBytes(event)).toBeLessThanOrEqual(LIMIT)
    const sent = trackNamed(client.events, 'Message Sent')
    expect(sent?.properties.message_body).toBe('hi')
    expect(sent?.properties.rows).toBeUndefined()
    expect(String(sent?.properties.pasted).length).toBeGreaterThan(1000)
    const fields = onError.mock.calls.map(([error]) => `${error.event}: ${error.field}`)
    expect(fields).toEqual(
      expect.arrayContaining([
        'Message Sent: properties.pasted',
        'Message Sent: properties.rows',
        'Identify: userId',
        'Identify: traits.bio',
        'Stock Purchased: properties.note',
      ]),
    )
    expect(client.events.find((event) => event.type === 'identify')).toBeDefined()
    expect(trackNamed(client.events, 'Stock Purchased')).toBeDefined()
  })

  it('what beforeSend adds is fitted too', () => {
    const client = createTestCopilotAnalytics({
      beforeSend: (event) =>
        event.type === 'track' ? { ...event, properties: { ...event.properties, blob: 'z'.repeat(200_000) } } : event,
    })
    client.messageReceived({ body: '"\\'.repeat(20_000) })
    for (const event of client.events) expect(serialisedBytes(event)).toBeLessThanOrEqual(LIMIT)
  })

  it('property-based: any body, extras and budget serialise to at most the budget; the body is a prefix', () => {
    const text = fc.string({
      unit: fc.constantFrom('"', '\\', '\n', '\u0001', 'a', 'é', '😀', '\ud800', '\udc00', ' '),
      maxLength: 40_000,
    })
    fc.assert(
      fc.property(
        text,
        fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(text, fc.integer(), fc.array(text, { maxLength: 3 })), {
          maxKeys: 4,
        }),
        fc.integer({ min: 2048, max: 40_000 }),
        (body, extra, budget) => {
          const client = createTestCopilotAnalytics({ maxEventBytes: budget, onError: () => {} })
          client.messageReceived({ ...extra, body })
          for (const event of client.events) expect(serialisedBytes(event)).toBeLessThanOrEqual(budget)
          const received = trackNamed(client.events, 'Message Received')
          expect(received).toBeDefined()
          expect(body.startsWith(received?.properties.message_body as string)).toBe(true)
          // a cut body keeps as much as fits: at most one character (6 bytes escaped) short of the budget
          if (received?.properties.message_body_truncated) {
            expect(serialisedBytes(received)).toBeGreaterThan(budget - 6)
          }
        },
      ),
      { seed: 13, numRuns: 150 },
    )
  })
})

describe('8. a throwing app callback is reported and skipped; tracking goes on', () => {
  it('a subscribe listener that throws: messageSent still returns IDs and sends, other listeners still run', () => {
    const onError = vi.fn()
    const client = createTestCopilotAnalytics({ onError })
    client.subscribe(() => {
      throw new Error('listener')
    })
    const other = vi.fn()
    client.subscribe(other)
    const ids = [client.messageSent({ body: 'one' }), client.messageSent({ body: 'two' })]
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true)
    expect(client.findAll('Message Sent').map((event) => event.properties.message_body)).toEqual(['one', 'two'])
    expect(other).toHaveBeenCalled()
    expect(onError.mock.calls.some(([error]) => error.event === 'subscribe')).toBe(true)
  })

  it('listen, onEvent, onError, beforeSend and storage that throw stop nothing', async () => {
    const thrower = () => {
      throw new Error('app')
    }
    const destination = memoryDestination()
    const client = createCopilotAnalytics({
      destination,
      onEvent: thrower,
      onError: thrower,
      beforeSend: (event) => (event.type === 'track' && event.event === 'Drop Me' ? thrower() : event),
      storage: { getItem: thrower, setItem: thrower },
    })
    client.listen(thrower)
    client.subscribe(thrower)
    client.track('Drop Me')
    expect(client.messageSent({ body: 'still here' })).not.toBe('')
    client.feedbackSubmitted({ rating: 'up' })
    await client.flush()
    await tick()
    expect(escaped).toEqual([])
    expect(trackNamed(destination.events, 'Message Sent')?.properties.message_body).toBe('still here')
    expect(trackNamed(destination.events, 'Feedback Submitted')).toBeDefined()
    expect(trackNamed(destination.events, 'Drop Me')).toBeUndefined()
  })

  it('a destination whose send throws or rejects is reported, never an unhandled rejection', async () => {
    const onError = vi.fn()
    let calls = 0
    const client = createCopilotAnalytics({
      storage: null,
      onError,
      destination: {
        send: async () => {
          calls++
          throw new Error('down')
        },
      },
    })
    const records: unknown[] = []
    client.listen((record) => void records.push(record))
    client.messageSent({ body: 'a' })
    await client.flush()
    await tick()
    expect(calls).toBeGreaterThan(0)
    expect(escaped).toEqual([])
  })
})

describe('10. no public function or component throws', () => {
  it('createCopilotAnalytics(null), a Proxy, or options with throwing getters', async () => {
    for (const options of [null, 42, 'x', throwingProxy(), withThrowingGetter(), { sample: throwingProxy() }]) {
      let client: ReturnType<typeof createCopilotAnalytics> | undefined
      expect(() => {
        client = createCopilotAnalytics(options as never)
      }).not.toThrow()
      expect(() => client?.track('Still Works')).not.toThrow()
    }
    await tick()
    expect(escaped).toEqual([])
  })

  it('trackSent, trackReceived and submit with an extra whose getter throws, or a Proxy', () => {
    const client = createTestCopilotAnalytics({ onError: () => {} })
    const wrapper = ({ children }: { children?: React.ReactNode }) => (
      <CopilotAnalyticsProvider client={client}>{children}</CopilotAnalyticsProvider>
    )
    const { result } = renderHook(() => ({ message: useTrackMessage(), feedback: useFeedback('m-1') }), { wrapper })
    for (const extra of [withThrowingGetter(), throwingProxy()]) {
      expect(() => result.current.message.trackSent('hi', extra as never)).not.toThrow()
      expect(() => result.current.message.trackReceived('hello', extra as never)).not.toThrow()
      expect(() => result.current.feedback.submit('up', extra as never)).not.toThrow()
    }
    // the events go out all the same, with what could be read
    expect(client.findAll('Message Sent')).toHaveLength(2)
    expect(client.findAll('Message Received').every((event) => event.properties.message_body === 'hello')).toBe(true)
    expect(client.findAll('Feedback Submitted')).toHaveLength(2)
  })

  it('useComponentTracking with null, a Proxy or throwing options never throws out of render or effects', () => {
    const client = createTestCopilotAnalytics({ onError: () => {} })
    function Chart({ options }: { options: unknown }) {
      useComponentTracking('Chart', options as never)
      return <p>chart</p>
    }
    for (const options of [
      null,
      throwingProxy(),
      { properties: throwingProxy() },
      { properties: withThrowingGetter() },
    ]) {
      const { unmount } = render(
        <CopilotAnalyticsProvider client={client}>
          <Chart options={options} />
        </CopilotAnalyticsProvider>,
      )
      unmount()
    }
    expect(client.findAll('Component Loaded').length).toBeGreaterThan(0)
  })

  it('withComponentTracking with a config that throws renders the component; with no component it does not throw', () => {
    const client = createTestCopilotAnalytics({ onError: () => {} })
    const Chart = () => <p>chart</p>
    const Tracked = withComponentTracking(Chart, {
      type: () => {
        throw new Error('config')
      },
    })
    const { getByText } = render(
      <CopilotAnalyticsProvider client={client}>
        <Tracked />
      </CopilotAnalyticsProvider>,
    )
    expect(getByText('chart')).toBeTruthy()
    expect(() => withComponentTracking(null as never, null as never)).not.toThrow()
    expect(() => withComponentTracking(throwingProxy() as never, { type: 'x' })).not.toThrow()
  })
})
