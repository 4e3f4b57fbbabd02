// The hostile-input sweep of the browser entries' public surface (issue 13, item 10): every public function and
// component called with what a careless or hostile app passes. Used by test/unit/fuzz-public-surface.test.tsx
// (a few thousand runs, in `npm test`) and by `npm run fuzz` (the 10,000-run sweep `npm run bench` reports).
import { act, render } from '@testing-library/react'
import fc from 'fast-check'
import type { ReactNode } from 'react'
import * as main from '../../src'
import { createTestCopilotAnalytics } from '../../src/testing'

/** What one sweep found. */
export interface SweepResult {
  readonly calls: number
  /** `name: message` of each exception that escaped a public call. */
  readonly escaped: string[]
  /** Events handed to a destination that serialise to more than the budget. */
  readonly oversized: number
  readonly delivered: number
}

const trap = () => {
  throw new Error('hostile')
}

/** Values a careless or hostile app passes, each made fresh (a revoked Proxy, a cyclic object, ...). */
const hostileMakers: (() => unknown)[] = [
  () => undefined,
  () => null,
  () => 'x'.repeat(40_000),
  () => '"\\\n'.repeat(12_000),
  () => '\ud800 lone \udfff',
  () => '',
  () => 0,
  () => Number.NaN,
  () => -1,
  () => Symbol('hostile'),
  () => 10n,
  () => () => 'fn',
  () => trap,
  () => {
    const value: Record<string, unknown> = { a: 1 }
    value.self = value
    return value
  },
  () => Object.defineProperty({ ok: 1 }, 'boom', { enumerable: true, get: trap }),
  () => new Proxy({}, { get: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, has: trap, getPrototypeOf: trap }),
  () => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    return proxy
  },
  () => ({ toJSON: trap }),
  () => ({ toString: trap, valueOf: trap }),
  () => [1, 'two', { three: 3n }],
  () => new Date(Number.NaN),
  () => ({ body: 'x'.repeat(60_000), messageId: {}, role: 7, rating: 'up', type: Symbol('t'), extra: 10n }),
  () => ({ body: 'hi', rating: 5, type: 'Chart', action: 'go', subType: 'png' }),
  () => Object.create(null),
]

/**
 * A hostile value, as a plain description fast-check can print and shrink (a Proxy would break its cloning): the
 * value itself is made by `make` inside the run.
 */
type Hostile = { readonly maker: number } | { readonly plain: unknown }
const hostile = (): fc.Arbitrary<Hostile> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: hostileMakers.length - 1 }).map((maker) => ({ maker })) },
    fc.anything({ maxDepth: 2 }).map((plain) => ({ plain })),
    fc.string({ unit: 'binary', maxLength: 50 }).map((plain) => ({ plain })),
  )
const make = (value: Hostile): unknown =>
  'maker' in value ? (hostileMakers[value.maker] as () => unknown)() : value.plain
const makeAll = (values: readonly Hostile[]): unknown[] => values.map(make)

/** Calls `call`, counting it, and records what escapes. */
const attempt = (result: { calls: number; escaped: string[] }, name: string, call: () => unknown) => {
  result.calls++
  try {
    const value = call()
    // a returned promise must not reject (the kit's are settled); `instanceof` itself throws on a revoked Proxy
    const isPromise = (() => {
      try {
        return value instanceof Promise
      } catch {
        return false
      }
    })()
    if (isPromise)
      (value as Promise<unknown>).catch((error: unknown) => result.escaped.push(`${name} (async): ${error}`))
  } catch (error) {
    let text: string
    try {
      text = String(error)
    } catch {
      text = 'unprintable'
    }
    result.escaped.push(`${name}: ${text}`)
  }
}

type Client = ReturnType<typeof main.createCopilotAnalytics>
const CLIENT_METHODS = [
  'start',
  'identify',
  'reset',
  'startConversation',
  'endConversation',
  'messageSent',
  'messageReceived',
  'actionInvoked',
  'mediaGenerated',
  'componentLoaded',
  'feedbackSubmitted',
  'track',
  'setConsent',
  'flush',
  'listen',
  'subscribe',
  'getState',
] as const

/**
 * Runs the sweep: `runs` property runs, each a client made with hostile options (plus a recording destination),
 * called through its methods, the core functions, the hooks, the components and the helpers with hostile
 * arguments. Every event delivered is measured serialised against `budget`.
 */
export async function sweepPublicSurface({ seed, runs }: { seed: number; runs: number }): Promise<SweepResult> {
  const result = { calls: 0, escaped: [] as string[], oversized: 0, delivered: 0 }
  // Every client loads its engine (and, to redact, the rules) through a dynamic import. In Vitest that import is a
  // request to its module server, which gives up after 60 s, and the synchronous sweep below holds the event loop
  // longer than that at 10,000 runs (\`npm run fuzz\`): every import then failed and nothing was delivered. Loaded
  // once here, each client's import resolves from the module cache, as a browser's does once the chunk is fetched.
  const warmUp = main.createCopilotAnalytics({
    destination: { send: async () => ({ delivered: true }) },
    storage: null,
    messageBody: 'redact',
  })
  warmUp.messageSent({ body: 'warm-up' })
  await warmUp.flush()
  // the clients sending to `destination`: awaited before counting, as each loads its engine on its own
  const flushed: Promise<void>[] = []
  const budget = 28 * 1024
  const delivered: unknown[] = []
  const destination = {
    send: async (event: unknown) => {
      delivered.push(event)
      return { delivered: true }
    },
  }

  // core: a client with hostile options (and one with hostile fields next to a real destination), hostile calls
  const coreRun = fc.property(
    hostile(),
    fc.dictionary(
      fc.constantFrom(
        'traits',
        'userId',
        'anonymousId',
        'conversationId',
        'sample',
        'consent',
        'beforeSend',
        'onEvent',
        'onError',
        'messageBody',
        'storage',
        'plan',
        'maxPendingEvents',
        'validate',
      ),
      hostile(),
    ),
    fc.array(fc.tuple(fc.constantFrom(...CLIENT_METHODS), fc.array(hostile(), { maxLength: 3 })), {
      minLength: 1,
      maxLength: 6,
    }),
    (optionsSeed, fieldSeeds, callSeeds) => {
      const options = make(optionsSeed)
      const fields = Object.fromEntries(Object.entries(fieldSeeds).map(([key, value]) => [key, make(value)]))
      const calls = callSeeds.map(([method, args]) => [method, makeAll(args)] as const)
      let clients: Client[] = []
      attempt(result, 'createCopilotAnalytics', () => {
        clients = [main.createCopilotAnalytics(options as never)]
      })
      attempt(result, 'createCopilotAnalytics', () => {
        clients.push(main.createCopilotAnalytics({ ...fields, destination } as never))
      })
      for (const client of clients) {
        for (const [method, args] of calls) {
          attempt(result, `client.${method}`, () => (client[method] as (...a: unknown[]) => unknown)(...args))
        }
      }
      const sending = clients[1]
      if (sending) flushed.push(sending.flush())
      for (const [name, fn] of [
        ['consentFromCategories', main.consentFromCategories],
        ['defineTrackingPlan', main.defineTrackingPlan],
        ['memoryDestination', main.memoryDestination],
        ['createMemoryStorage', main.createMemoryStorage],
        ['createTestCopilotAnalytics', createTestCopilotAnalytics],
        ['validateTrack', main.validateTrack],
        ['validateIdentify', main.validateIdentify],
      ] as [string, (...a: unknown[]) => unknown][]) {
        attempt(result, name, () => fn(options, calls[0]?.[1][0], calls[0]?.[1][1]))
      }
    },
  )
  fc.assert(coreRun, { seed, numRuns: runs, endOnFailure: true })

  // React: a provider with a hostile prop, then every hook's functions with hostile arguments, the component
  // hook and the HOC with hostile options; fewer runs, as each renders
  const client = main.createCopilotAnalytics({ destination, storage: null, onError: () => {} })
  type Api = {
    message: main.TrackMessageApi
    feedback: main.FeedbackApi
    track: ReturnType<typeof main.useTrack>
    action: ReturnType<typeof main.useTrackAction>
    media: ReturnType<typeof main.useTrackMedia>
    conversation: main.ConversationApi
    identity: main.IdentityApi
  }
  let api: Api | undefined
  function Hooks({ feedbackId }: { feedbackId: unknown }): ReactNode {
    api = {
      message: main.useTrackMessage(),
      feedback: main.useFeedback(feedbackId as string),
      track: main.useTrack(),
      action: main.useTrackAction(),
      media: main.useTrackMedia(),
      conversation: main.useConversation(),
      identity: main.useIdentity(),
    }
    main.useCopilotAnalytics()
    return null
  }
  function Tracked({ type, options }: { type: unknown; options: unknown }): ReactNode {
    main.useComponentTracking(type as string, options as never)
    return null
  }
  const Plain = (props: object) => <span data-props={Object.keys(props).length} />
  const reactRun = fc.property(
    // not maxEventBytes: a budget the app sets is its own choice, and every event is measured against the default
    fc.constantFrom('traits', 'userId', 'conversationId', 'consent', 'anonymousId', 'sample', 'beforeSend'),
    hostile(),
    fc.array(hostile(), { minLength: 4, maxLength: 4 }),
    (prop, valueSeed, argSeeds) => {
      const value = make(valueSeed)
      const args = makeAll(argSeeds)
      attempt(result, 'render', () =>
        act(() => {
          const { unmount } = render(
            <main.CopilotAnalyticsProvider destination={destination} storage={null} {...{ [prop]: value }}>
              <Hooks feedbackId={args[0]} />
              <Tracked type={args[1]} options={args[2]} />
            </main.CopilotAnalyticsProvider>,
          )
          unmount()
        }),
      )
      attempt(result, 'render', () =>
        act(() => {
          const Wrapped = main.withComponentTracking(Plain, args[3] as never)
          const { unmount } = render(
            <main.CopilotAnalyticsProvider client={client}>
              <Wrapped />
            </main.CopilotAnalyticsProvider>,
          )
          unmount()
        }),
      )
      attempt(result, 'withComponentTracking', () => main.withComponentTracking(args[0] as never, args[1] as never))
      if (!api) return
      const [a, b] = args
      attempt(result, 'trackSent', () => api?.message.trackSent(a as string, b as never))
      attempt(result, 'trackReceived', () => api?.message.trackReceived(a as string, b as never))
      attempt(result, 'submit', () => api?.feedback.submit(a as never, b as never))
      const track = api.track as (...x: unknown[]) => void
      attempt(result, 'useTrack()', () => track(a, b))
      attempt(result, 'useTrackAction()', () => api?.action(a as never))
      attempt(result, 'useTrackMedia()', () => api?.media(a as never))
      attempt(result, 'identify', () => api?.identity.identify(a as string, b as never))
      attempt(result, 'startNew', () => api?.conversation.startNew())
      attempt(result, 'end', () => api?.conversation.end())
    },
  )
  fc.assert(reactRun, { seed, numRuns: Math.max(1, Math.round(runs / 10)), endOnFailure: true })

  // settle every promise the calls started, then measure what was delivered
  flushed.push(client.flush())
  await Promise.race([Promise.all(flushed), new Promise((resolve) => setTimeout(resolve, 10_000))])
  await new Promise((resolve) => setTimeout(resolve, 50))
  for (const event of delivered) {
    result.delivered++
    if (new TextEncoder().encode(JSON.stringify(event)).length > budget) result.oversized++
  }
  return result
}
