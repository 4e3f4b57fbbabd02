import type { KnownEvents, TrackArgs } from '../spec'
import { analyticsLikeDestination } from './destinations/analyticsLike'
import { segmentDestination } from './destinations/segment'
import { isBrowser, isDevelopment } from './environment'
import { createId } from './ids'
import { Pipeline } from './pipeline'
import { createReporter, type Reporter } from './reporter'
import { createSampler } from './sampling'
import { createSafeStorage } from './storage'
import { CopilotStore } from './store'
import { DEFAULT_MAX_EVENT_BYTES } from './truncate'
import type {
  AnalyticsLike,
  CopilotAnalytics,
  CopilotAnalyticsOptions,
  CopilotEvent,
  Destination,
  ExtraProperties,
  Rating,
} from './types'
import { developmentValidator } from './validateEvent'

/** Write key used with `apiHost` when none is given: the local collector accepts any key. */
export const LOCAL_WRITE_KEY = 'copilot-analytics-local'

const STATE_STORAGE_KEY = 'copilot-analytics:state'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== ''

function resolveDestination(options: CopilotAnalyticsOptions, reporter: Reporter): Destination | null {
  if (options.destination) return options.destination
  if (options.analytics) return analyticsLikeDestination(options.analytics)
  // on the server nothing is loaded or sent; the browser's client takes over on hydration
  if (!isBrowser()) return null
  if (options.writeKey || options.apiHost) {
    return segmentDestination({
      writeKey: options.writeKey || LOCAL_WRITE_KEY,
      apiHost: options.apiHost,
      cookieIdentity: options.cookieIdentity,
    })
  }
  const global = (window as { analytics?: AnalyticsLike }).analytics
  if (global && typeof global.track === 'function') return analyticsLikeDestination(global)
  reporter.report(
    'createCopilotAnalytics',
    'writeKey',
    'no destination: pass writeKey, apiHost, analytics or destination. Events are not sent.',
  )
  return null
}

/**
 * Creates the framework-agnostic client: identity and conversation state, spec event building and the
 * pipeline to the destination. No method throws; problems are reported (console in development, `onError` always).
 * @typeParam Custom your own events and their properties, typed and checked like the spec's.
 */
export function createCopilotAnalytics<Custom extends object = Record<never, never>>(
  options: CopilotAnalyticsOptions = {},
): CopilotAnalytics<KnownEvents & Custom> {
  const reporter = createReporter(options.onError)
  const storage = createSafeStorage(isBrowser() ? options.storage : null, (error) =>
    reporter.report('storage', '-', 'localStorage is unusable; state is kept in memory for this page', error),
  )
  const store = new CopilotStore({
    storage,
    conversationStorageKey: options.conversationStorageKey ?? 'newChatId',
    stateStorageKey: STATE_STORAGE_KEY,
    userId: options.userId,
    anonymousId: options.anonymousId,
    traits: options.traits,
    conversationId: options.conversationId,
  })
  const consent = options.consent ?? 'granted'
  const destination = resolveDestination(options, reporter)
  const validator = options.validator ?? developmentValidator()
  const validate = options.validate ?? (validator && isDevelopment() ? 'warn' : 'off')
  if (validate !== 'off' && !validator) {
    reporter.report(
      'createCopilotAnalytics',
      'validator',
      `validate: '${validate}' in a production build needs validator: validateEvent (from copilot-analytics/core); nothing is validated`,
    )
  }
  const pipeline = new Pipeline({
    destination,
    reporter,
    consent,
    maxPendingEvents: options.maxPendingEvents ?? 200,
    messageBody: options.messageBody ?? 'full',
    maxEventBytes: options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
    validate,
    validator,
    beforeSend: options.beforeSend,
    sampler: createSampler(options.sample, reporter),
    plan: options.plan,
  })
  if (options.onEvent) pipeline.listen(options.onEvent)
  let consentState = consent
  // start() asked for while consent was denied: the anonymous identify goes out once consent is given
  let startRequested = false
  let controlled = options.conversationId !== undefined

  const identity = () => store.state.identity
  const timestamp = () => new Date().toISOString()

  const sendTrack = (event: string, properties: Record<string, unknown>) => {
    const { anonymousId, userId } = identity()
    pipeline.push({ type: 'track', event, properties, anonymousId, userId, timestamp: timestamp() })
  }

  const sendIdentify = () => {
    const { anonymousId, userId, traits } = identity()
    const event: CopilotEvent = { type: 'identify', anonymousId, userId, traits: { ...traits }, timestamp: timestamp() }
    pipeline.push(event)
  }

  /** The input as an object; anything else is reported and replaced by `{}`. */
  const readInput = (event: string, input: unknown): Record<string, unknown> => {
    if (isRecord(input)) return input
    reporter.report(event, 'input', `expected an object, got ${input === null ? 'null' : typeof input}`)
    return {}
  }

  const readMessageId = (event: string, value: unknown, generate: boolean): string | undefined => {
    if (nonEmptyString(value)) return value
    if (value !== undefined) reporter.report(event, 'messageId', 'must be a non-empty string; ignored')
    return generate ? createId() : undefined
  }

  const readRole = (event: string, value: unknown, fallback: string): string => {
    if (value === undefined) return fallback
    if (nonEmptyString(value)) return value
    reporter.report(event, 'role', `must be a non-empty string; sent as "${fallback}"`)
    return fallback
  }

  const readBody = (event: string, value: unknown): { message_body?: string } => {
    if (typeof value === 'string') return { message_body: value }
    if (typeof value === 'number' || typeof value === 'boolean') {
      reporter.report(event, 'message_body', `must be a string, got ${typeof value}; sent as text`)
      return { message_body: String(value) }
    }
    reporter.report(
      event,
      'message_body',
      `must be a string, got ${value === null ? 'null' : typeof value}; sent without message_body`,
    )
    return {}
  }

  /** A new message in an ended conversation opens a new one, unless the app owns the conversation ID. */
  const reopenIfEnded = () => {
    if (!store.state.conversation.ended) return
    if (controlled)
      store.updateConversation((record) => {
        record.ended = false
      })
    else store.switchConversation(createId())
  }

  const sendMessage = (event: 'Message Sent' | 'Message Received', input: unknown, defaultRole: string) => {
    const { body, messageId, role, ...extra } = readInput(event, input)
    reopenIfEnded()
    const id = readMessageId(event, messageId, true) as string
    const conversationId = store.state.conversation.id
    const starts = event === 'Message Sent' && !store.state.conversation.started
    // one store update per message, so a subscriber (useConversation) renders once
    store.updateConversation((record) => {
      if (starts) record.started = true
      record.messageCount += 1
    })
    if (starts) sendTrack('Conversation Started', { conversationId })
    sendTrack(event, {
      ...extra,
      conversationId,
      messageId: id,
      ...readBody(event, body),
      role: readRole(event, role, defaultRole),
    })
    return id
  }

  const withMessageId = (event: string, messageId: unknown) => {
    const id = readMessageId(event, messageId, false)
    return id === undefined ? {} : { messageId: id }
  }

  const normaliseRating = (value: unknown): number | undefined => {
    if (typeof value === 'number' && Number.isFinite(value)) return value
    if (value === 'up') return 1
    if (value === 'down') return -1
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
      reporter.report('Feedback Submitted', 'rating', 'must be a number, got a numeric string; sent as a number')
      return Number(value)
    }
    reporter.report(
      'Feedback Submitted',
      'rating',
      `must be a finite number or 'up'/'down', got ${String(value)}; not sent`,
    )
    return undefined
  }

  const guard =
    <Args extends unknown[], Result>(name: string, fallback: Result, fn: (...args: Args) => Result) =>
    (...args: Args): Result => {
      try {
        return fn(...args)
      } catch (error) {
        reporter.report(name, '-', 'failed unexpectedly; nothing was sent', error)
        return fallback
      }
    }

  const client: CopilotAnalytics<KnownEvents & Custom> = {
    getState: () => store.state,
    subscribe: (listener) => store.api.subscribe(listener),
    listen: (listener) => pipeline.listen(listener),

    start: guard('start', undefined, () => {
      if (!isBrowser()) return
      startRequested = true
      store.persist()
      // events an earlier page queued during an outage go out now, not only after this page's first event
      if (consentState === 'granted') destination?.resume?.()
      if (store.announced || consentState === 'denied') return
      store.markAnnounced()
      sendIdentify()
    }),

    identify: guard('identify', undefined, (userId?: string | null, traits?: Record<string, unknown>) => {
      let id: string | null = null
      if (nonEmptyString(userId)) id = userId
      else if (typeof userId === 'number') id = String(userId)
      else if (userId !== undefined && userId !== null) reporter.report('Identify', 'userId', 'must be a string')
      if (traits !== undefined && !isRecord(traits)) reporter.report('Identify', 'traits', 'must be an object; ignored')
      store.setUser(id ?? identity().userId, isRecord(traits) ? traits : undefined)
      if (consentState !== 'denied') store.markAnnounced()
      sendIdentify()
    }),

    reset: guard('reset', undefined, () => {
      store.resetIdentity()
      controlled = false
      pipeline.resetDestination(identity().anonymousId)
      client.start()
    }),

    startConversation: guard(
      'startConversation',
      '',
      (conversationId?: string, startOptions?: { controlled?: boolean }) => {
        if (conversationId !== undefined && !nonEmptyString(conversationId)) {
          reporter.report('startConversation', 'conversationId', 'must be a non-empty string; a new ID was used')
        }
        const id = nonEmptyString(conversationId) ? conversationId : createId()
        controlled = startOptions?.controlled ?? false
        store.switchConversation(id)
        return id
      },
    ),

    endConversation: guard('Conversation Ended', undefined, () => {
      const { id, started, ended, messageCount } = store.state.conversation
      if (!started || ended) return
      store.updateConversation((record) => {
        record.ended = true
      })
      sendTrack('Conversation Ended', { conversationId: id, message_count: messageCount })
    }),

    messageSent: guard('Message Sent', '', (input) => sendMessage('Message Sent', input, 'customer')),
    messageReceived: guard('Message Received', '', (input) => sendMessage('Message Received', input, 'agent')),

    actionInvoked: guard('Action Invoked', undefined, (input) => {
      const { type, action, messageId, role, ...extra } = readInput('Action Invoked', input)
      sendTrack('Action Invoked', {
        ...extra,
        conversationId: store.state.conversation.id,
        ...withMessageId('Action Invoked', messageId),
        type,
        action,
        role: readRole('Action Invoked', role, 'customer'),
      })
    }),

    mediaGenerated: guard('Media Generated', undefined, (input) => {
      const { type, subType, messageId, role, ...extra } = readInput('Media Generated', input)
      sendTrack('Media Generated', {
        ...extra,
        conversationId: store.state.conversation.id,
        ...withMessageId('Media Generated', messageId),
        type,
        sub_type: subType ?? extra.sub_type,
        role: readRole('Media Generated', role, 'agent'),
      })
    }),

    componentLoaded: guard('Component Loaded', false, (input) => {
      const { type, messageId, ...extra } = readInput('Component Loaded', input)
      if (!nonEmptyString(type)) {
        reporter.report(
          'Component Loaded',
          'type',
          'must be a non-empty string (the component, e.g. "Stock Price Chart"); not sent',
        )
        return false
      }
      const ids = withMessageId('Component Loaded', messageId)
      if (!store.claimComponent(`${ids.messageId ?? ''}\u0000${type}`)) return false
      sendTrack('Component Loaded', { ...extra, conversationId: store.state.conversation.id, ...ids, type })
      return true
    }),

    feedbackSubmitted: guard('Feedback Submitted', undefined, (input) => {
      const { rating, messageId, ...extra } = readInput('Feedback Submitted', input)
      const value = normaliseRating(rating as Rating)
      if (value === undefined) return undefined
      sendTrack('Feedback Submitted', {
        ...extra,
        conversationId: store.state.conversation.id,
        ...withMessageId('Feedback Submitted', messageId),
        rating: value,
      })
      return value
    }),

    track: guard('track', undefined, <E extends string>(event: E, ...args: TrackArgs<E, KnownEvents & Custom>) => {
      if (!nonEmptyString(event)) {
        reporter.report(String(event) || '(empty)', 'event', 'track needs a non-empty event name; not sent')
        return
      }
      const [properties] = args as [unknown]
      const extra: ExtraProperties = properties === undefined ? {} : readInput(event, properties)
      sendTrack(event, { conversationId: store.state.conversation.id, ...extra })
    }) as CopilotAnalytics<KnownEvents & Custom>['track'],

    setConsent: guard('setConsent', undefined, (state) => {
      if (state !== 'granted' && state !== 'pending' && state !== 'denied') {
        reporter.report('setConsent', 'state', `must be 'granted', 'pending' or 'denied', got ${String(state)}`)
        return
      }
      consentState = state
      pipeline.setConsent(state)
      if (state !== 'denied' && startRequested) client.start()
    }),

    flush: async () => {
      try {
        await pipeline.flush()
      } catch (error) {
        reporter.report('flush', '-', 'failed', error)
      }
    },
  }
  return client
}
