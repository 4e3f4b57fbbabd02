import { v7 as uuidv7 } from 'uuid'
import { createEngine, type Engine } from '../core/engine'
import { redact } from '../core/redact'
import type { CopilotAnalytics, CopilotAnalyticsOptions, CopilotEvent, Destination, EventRecord } from '../core/types'
import { validateEvent } from '../core/validateEvent'
import { isRecord, nonEmptyString } from '../shared/guards'
import type { KnownEvents } from '../spec'
import { type AnalyticsNodeLike, analyticsNodeDestination } from './analyticsNodeDestination'
import { lazyDestination } from './lazyDestination'
import { type CopilotRequestContext, type HeadersSource, readCopilotContext } from './readCopilotContext'

/** Options of {@link createServerAnalytics}: the browser client's pipeline options, and where events go. */
export interface ServerAnalyticsOptions
  extends Pick<
    CopilotAnalyticsOptions,
    | 'messageBody'
    | 'maxEventBytes'
    | 'validate'
    | 'validator'
    | 'plan'
    | 'beforeSend'
    | 'sample'
    | 'onEvent'
    | 'onError'
  > {
  /** Segment write key: events go through `@segment/analytics-node` (an optional peer, imported on first use). */
  writeKey?: string | undefined
  /**
   * analytics-node's API base, e.g. `'http://127.0.0.1:7463'` for the local collector (a trailing `/v1` is fine).
   * @default 'https://api.segment.io'
   */
  host?: string | undefined
  /** Your own `@segment/analytics-node` instance instead of `writeKey`. */
  analytics?: AnalyticsNodeLike | undefined
  /** Or any destination (the collector's, a test's `memoryDestination`). Takes precedence over the others. */
  destination?: Destination | undefined
  /** analytics-node's batch size. @default 15 */
  flushAt?: number | undefined
  /** analytics-node's flush interval in ms. @default 10000 */
  flushInterval?: number | undefined
  /** The context cookie's name (see `syncCopilotCookie`). @default 'copilot_context' */
  cookieName?: string | undefined
}

/** What the server knows better than the browser; each wins over the request's context. */
export interface ForRequestOptions {
  /** The signed-in user, from the server's own session: wins over the browser's `x-copilot-user-id`. */
  userId?: string | null | undefined
  anonymousId?: string | undefined
  conversationId?: string | undefined
}

/** The browser client's event methods, for one request, with the request's identity and conversation. */
export interface ServerTracker<Events = KnownEvents>
  extends Pick<
    CopilotAnalytics<Events>,
    | 'messageSent'
    | 'messageReceived'
    | 'actionInvoked'
    | 'mediaGenerated'
    | 'componentLoaded'
    | 'feedbackSubmitted'
    | 'track'
    | 'identify'
  > {
  /** Sends Conversation Ended; the server does not count messages, so pass the count the browser showed. */
  endConversation(input?: { messageCount?: number }): void
  /** Who and which conversation this request tracks as, and why (`source`). */
  readonly context: Readonly<{
    anonymousId: string
    userId: string | null
    conversationId: string
    source: CopilotRequestContext['source']
  }>
  /** False when the browser's consent is denied or pending: every call sends nothing. */
  readonly tracking: boolean
}

/** The server half: one per process (create it in a module), one tracker per request. */
export interface ServerAnalytics<Events = KnownEvents> {
  /**
   * A tracker for this request: the browser's identity, conversation and consent from the `x-copilot-*` headers,
   * else the context cookie; a `userId` the server passes wins. Never throws.
   */
  forRequest(request: HeadersSource, options?: ForRequestOptions): ServerTracker<Events>
  /** Resolves when every event so far has been delivered (or failed): await it, or pass it to `after()`/`waitUntil`. */
  flush(options?: { timeout?: number }): Promise<void>
  /** Listens to every event (as `onEvent`); returns the unsubscribe function. */
  listen(listener: (record: EventRecord) => void): () => void
}

// one analytics-node instance per write key and host in this process, however often the module is evaluated
// (Next.js dev reloads it): each instance keeps its own batch queue and timer
const INSTANCES = Symbol.for('copilot-analytics.server.analytics-node')
type InstanceCache = Map<string, Promise<AnalyticsNodeLike>>
const instances = (): InstanceCache => {
  const holder = globalThis as { [INSTANCES]?: InstanceCache }
  holder[INSTANCES] ??= new Map()
  return holder[INSTANCES]
}

/** `http://host:port/v1/` → `http://host:port`: analytics-node appends `/v1/batch` itself. */
export const analyticsNodeHost = (host: string): string => host.trim().replace(/\/+$/, '').replace(/\/v1$/, '')

function resolveServerDestination(options: ServerAnalyticsOptions, report: Engine['report']): Destination | null {
  if (options.destination) return options.destination
  if (options.analytics) return analyticsNodeDestination(options.analytics)
  const { writeKey, flushAt, flushInterval } = options
  if (!nonEmptyString(writeKey)) return null
  const host = options.host ? analyticsNodeHost(options.host) : undefined
  const key = `${writeKey}\u0000${host ?? ''}\u0000${flushAt ?? ''}\u0000${flushInterval ?? ''}`
  return lazyDestination(async () => {
    let instance = instances().get(key)
    if (!instance) {
      instance = import('@segment/analytics-node').then(({ Analytics }) => {
        const analytics = new Analytics({
          writeKey,
          ...(host ? { host } : {}),
          ...(flushAt ? { flushAt } : {}),
          ...(flushInterval ? { flushInterval } : {}),
        })
        // analytics-node reports failed batches as 'error' events; nothing is thrown into the process
        analytics.on('error', (error: unknown) => report('analytics-node', '-', 'send failed', undefined, error))
        return analytics as unknown as AnalyticsNodeLike
      })
      instances().set(key, instance)
      instance.catch(() => instances().delete(key))
    }
    return analyticsNodeDestination(await instance)
  })
}

/**
 * The server half of the kit: the same spec events, through the same pipeline as the browser (property names,
 * `messageBody` modes, truncation to the byte budget, `beforeSend`, sampling, validation), sent with
 * `@segment/analytics-node` (or any destination), as the visitor and conversation the browser said.
 *
 * ```ts
 * export const copilot = createServerAnalytics({ writeKey: process.env.SEGMENT_WRITE_KEY })
 * // in a route handler
 * copilot.forRequest(request, { userId: session?.user.id }).track('Stock Purchased', { symbol, total })
 * after(() => copilot.flush())
 * ```
 * No method throws; problems go to `onError` (and a console warning in development).
 */
export function createServerAnalytics<Custom extends object = Record<never, never>>(
  options: ServerAnalyticsOptions = {},
): ServerAnalytics<KnownEvents & Custom> {
  let reportLater: Engine['report'] = () => {}
  const destination = resolveServerDestination(options, (...problem) => reportLater(...problem))
  // the pipeline takes the browser client's options; where events go is settled here
  const { writeKey: _w, host: _h, analytics: _a, destination: _d, flushAt: _f, flushInterval: _i, ...rest } = options
  const { cookieName: _c, ...pipelineOptions } = rest
  const engine = createEngine(
    { ...pipelineOptions, validator: options.validator ?? validateEvent },
    { destination: destination ?? { send: async () => ({ delivered: false, error: 'no destination' }) }, redact },
  )
  reportLater = engine.report
  if (!destination)
    engine.report('createServerAnalytics', 'writeKey', 'no destination: pass writeKey, analytics or destination')
  let reportedNoContext = false

  const forRequest = (request: HeadersSource, given: ForRequestOptions = {}): ServerTracker<KnownEvents & Custom> => {
    const context = readCopilotContext(request, options.cookieName)
    for (const field of context.refused)
      engine.report('forRequest', field, 'refused: not a valid value from the browser')
    const tracking = context.consent === undefined || context.consent === 'granted'
    const serverUserId = nonEmptyString(given.userId) ? given.userId : undefined
    let userId: string | null = serverUserId ?? context.userId ?? null
    let anonymousId = nonEmptyString(given.anonymousId) ? given.anonymousId : context.anonymousId
    if (!anonymousId) {
      anonymousId = uuidv7()
      if (!reportedNoContext) {
        reportedNoContext = true
        engine.report(
          'forRequest',
          'x-copilot-anonymous-id',
          'no anonymous ID from the browser (headers or cookie): a new one is used per request; send copilotHeaders(client)',
        )
      }
    }
    const conversationId = nonEmptyString(given.conversationId)
      ? given.conversationId
      : (context.conversationId ?? uuidv7())
    const components = new Set<string>()

    const report = engine.report
    /** Sends a track call (`event`, in the conversation) or, for `null`, an identify call with `fields` as traits. */
    const send = (event: string | null, fields: Record<string, unknown>, input?: Record<string, unknown>) => {
      if (!tracking) return
      const built = {
        ...(event === null
          ? { type: 'identify', traits: fields }
          : { type: 'track', event, properties: { conversationId, ...fields } }),
        userId,
        anonymousId,
        timestamp: new Date().toISOString(),
      } as CopilotEvent
      engine.run(built, input)
    }
    const readInput = (event: string, input: unknown): Record<string, unknown> => {
      if (isRecord(input)) return { ...input }
      report(event, 'input', 'not an object', input)
      return {}
    }
    // a message ID the app did not give is minted here (uuid v7, time-ordered), as the browser client does
    const readMessageId = (event: string, value: unknown, mint?: boolean): { messageId?: string } => {
      if (nonEmptyString(value)) return { messageId: value }
      if (value !== undefined) report(event, 'messageId', 'ignored')
      return mint ? { messageId: uuidv7() } : {}
    }
    const message = (event: 'Message Sent' | 'Message Received') => (input: unknown) => {
      const fields = readInput(event, input)
      const ids = readMessageId(event, fields.messageId, true)
      send(event, ids, fields)
      return ids.messageId as string
    }
    const about = (event: string) => (input: unknown) => {
      const fields = readInput(event, input)
      send(event, readMessageId(event, fields.messageId), fields)
    }

    /** A method that never throws into the app: an unexpected failure is reported, and the call returns `fallback`. */
    const guard =
      <Args extends unknown[], Result>(name: string, method: (...args: Args) => Result, fallback: Result) =>
      (...args: Args): Result => {
        try {
          return method(...args)
        } catch (error) {
          report(name, '-', 'failed', undefined, error)
          return fallback
        }
      }

    const componentLoaded = (input: unknown): boolean => {
      const fields = readInput('Component Loaded', input)
      if (!nonEmptyString(fields.type)) {
        report('Component Loaded', 'type', 'no type, not sent')
        return false
      }
      const ids = readMessageId('Component Loaded', fields.messageId)
      const key = `${ids.messageId ?? ''}\u0000${fields.type}`
      if (components.has(key)) return false
      components.add(key)
      send('Component Loaded', { ...ids, type: fields.type }, fields)
      return true
    }
    const feedbackSubmitted = (input: unknown): number | undefined => {
      const fields = readInput('Feedback Submitted', input)
      const raw = fields.rating
      const rating = raw === 'up' ? 1 : raw === 'down' ? -1 : typeof raw === 'string' && raw.trim() ? Number(raw) : raw
      if (typeof rating !== 'number' || !Number.isFinite(rating)) {
        report('Feedback Submitted', 'rating', 'not sent', raw)
        return undefined
      }
      send('Feedback Submitted', { ...readMessageId('Feedback Submitted', fields.messageId), rating }, fields)
      return rating
    }
    const endConversation = (input?: { messageCount?: number }) => {
      const count = input?.messageCount
      const valid = typeof count === 'number' && Number.isFinite(count) && count >= 0
      if (!valid) report('Conversation Ended', 'message_count', 'not a number')
      send('Conversation Ended', valid ? { message_count: count } : {})
    }
    const track = (event: unknown, properties?: unknown) => {
      if (!nonEmptyString(event)) return report(String(event) || '(empty)', 'event', 'no name, not sent')
      send(event, properties === undefined ? {} : readInput(event, properties))
    }
    const identify = (id?: unknown, traits?: unknown) => {
      if (nonEmptyString(id) || typeof id === 'number') userId = String(id)
      else if (id != null) report('Identify', 'userId', 'not a string')
      if (traits !== undefined && !isRecord(traits)) report('Identify', 'traits', 'not an object, ignored')
      send(null, isRecord(traits) ? { ...traits } : {})
    }

    // each method's fallback is what "nothing was sent" is for it: an empty ID, false, undefined
    const tracker = {
      get context() {
        return { anonymousId, userId, conversationId, source: context.source }
      },
      tracking,
      messageSent: guard('messageSent', message('Message Sent'), ''),
      messageReceived: guard('messageReceived', message('Message Received'), ''),
      actionInvoked: guard('actionInvoked', about('Action Invoked'), undefined),
      mediaGenerated: guard('mediaGenerated', about('Media Generated'), undefined),
      componentLoaded: guard('componentLoaded', componentLoaded, false),
      feedbackSubmitted: guard('feedbackSubmitted', feedbackSubmitted, undefined),
      endConversation: guard('endConversation', endConversation, undefined),
      track: guard('track', track, undefined),
      identify: guard('identify', identify, undefined),
    }
    return tracker as unknown as ServerTracker<KnownEvents & Custom>
  }

  return {
    forRequest(request, given) {
      try {
        return forRequest(request, given)
      } catch (error) {
        engine.report('forRequest', '-', 'failed', undefined, error)
        return forRequest({}, { ...given, anonymousId: undefined })
      }
    },
    async flush(flushOptions) {
      try {
        const done = engine.flush()
        const timeout = flushOptions?.timeout
        if (!timeout) return await done
        let timer: ReturnType<typeof setTimeout> | undefined
        await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeout)))])
        clearTimeout(timer)
      } catch (error) {
        engine.report('flush', '-', 'flush failed', undefined, error)
      }
    },
    listen: (listener) => engine.listen(listener),
  }
}
