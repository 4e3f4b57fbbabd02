import { isRecord, nonEmptyString } from '../shared/guards'
import type { KnownEvents } from '../spec'
import { CopilotAnalyticsError } from './CopilotAnalyticsError'
import type { Engine } from './engine'
import {
  FAILED,
  LISTENER_THREW,
  MEMORY_ONLY,
  NEW_ID_USED,
  NO_NAME,
  NO_TYPE,
  NOT_AN_OBJECT,
  RATING_NOT_SENT,
  UNKNOWN_STATE,
  UNREADABLE,
} from './frontProblems'
import { createId } from './ids'
import { isBrowser } from './isBrowser'
import { createSafeStorage } from './storage'
import { createCopilotStore } from './store'
import type {
  ComponentInput,
  ConsentState,
  CopilotAnalytics,
  CopilotAnalyticsOptions,
  CopilotEvent,
  EventRecord,
  FeedbackInput,
  MessageInput,
} from './types'

/**
 * How a client gets its engine: the engine itself (test helpers, which load it up front), or a promise of it
 * (`createCopilotAnalytics`: one dynamic import). Per client: no client is synchronous because another one loaded.
 * @internal
 */
export type StartEngine = (options: CopilotAnalyticsOptions, browser: boolean) => Engine | Promise<Engine>

/**
 * A shallow copy of the app's object, each field read once (through `read`) and defensively: a field whose getter
 * (or `read`) throws is left out, an object that cannot be listed at all (a Proxy whose traps throw) gives `{}`;
 * both go to `unreadable`. Anything but an object (arrays included) gives undefined.
 */
const readObject = (
  value: unknown,
  unreadable: (field: string, error: unknown) => void,
  read = (field: unknown) => field,
): Record<string, unknown> | undefined => {
  const copy: Record<string, unknown> = {}
  try {
    if (!isRecord(value)) return
    for (const key of Object.keys(value)) {
      try {
        copy[key] = read(value[key])
      } catch (error) {
        unreadable(key, error)
      }
    }
  } catch (error) {
    unreadable('-', error)
  }
  return copy
}

/** A value as JSON data (BigInts as their digits, as the engine sends them); throws when it has none. */
const asJson = (value: unknown) => {
  const text = JSON.stringify(value, (_key, field) => (typeof field === 'bigint' ? String(field) : field))
  return text && JSON.parse(text)
}

/**
 * Creates the framework-agnostic client: identity and conversation state, ids and spec events, answered at once.
 * Its engine (privacy, truncation, validation, consent, listeners, the destination) is a chunk imported when the
 * client is created; the events made before it is loaded wait in one queue, in order, and go on once it is here
 * (`flush()` waits for that, and for the destination).
 * No method throws; problems are reported (console in development, `onError` always).
 * @typeParam Custom your own events and their properties, typed and checked like the spec's.
 */
export function createCopilotAnalytics<Custom extends object = Record<never, never>>(
  given?: CopilotAnalyticsOptions,
): CopilotAnalytics<KnownEvents & Custom> {
  return createClient<Custom>(given, (options, browser) =>
    import('./loadEngine').then((module) => module.loadEngine(options, browser)),
  )
}

/** The client's methods that make events or change state: each is guarded (see `guard`). */
type Methods = Omit<CopilotAnalytics, 'getState' | 'subscribe' | 'listen' | 'flush'>

/** A method once it is given its name (for the report). */
type Guarded<Method> = (name: string) => Method

/** An intent of the app's, run on the engine in call order. */
type Intent = (engine: Engine) => void

/**
 * The synchronous front of `createCopilotAnalytics`: state, IDs and one ordered queue of intents in front of the
 * engine `start` gives. The one async boundary is there: before the engine is here, intents wait; after, they run
 * at once; if it fails to load, onError says so once and intents are dropped.
 * @internal
 */
export function createClient<Custom extends object = Record<never, never>>(
  given: CopilotAnalyticsOptions | undefined,
  start: StartEngine,
): CopilotAnalytics<KnownEvents & Custom> {
  // undefined while the engine loads, null when it failed to
  let engine: Engine | null | undefined
  const intents: Intent[] = []
  /** Runs `intent` on the engine: now when it is here, later (in order) while it loads, never if it failed to. */
  const whenReady = (intent: Intent) => {
    if (engine === undefined) intents.push(intent)
    else if (engine) perform(engine, intent)
  }
  /** One intent: a throwing destination or listener stops neither the rest nor the page. */
  const perform = (ready: Engine, intent: Intent) => {
    try {
      intent(ready)
    } catch (error) {
      ready.reportFront(FAILED, undefined, error)
    }
  }
  /** Reports a problem found here (see `Engine.reportFront`): in order with the calls, once the engine is here. */
  const report: Engine['reportFront'] = (...problem) => whenReady((ready) => ready.reportFront(...problem))
  // the options are read once: a getter that throws, or a Proxy, cannot fail a later call
  const options: CopilotAnalyticsOptions =
    readObject(given, (field, error) => report(UNREADABLE, error, undefined, undefined, field)) ?? {}
  /**
   * No method throws into the app: an unexpected failure is reported, and the call returns `fallback`, what
   * "nothing" is for its caller ('' for an ID, false for "not sent", undefined).
   */
  const guard =
    <Args extends unknown[], Result>(
      method: (...args: Args) => Result,
      // required unless undefined is a result the caller expects anyway
      ...[fallback]: undefined extends Result ? [] : [Result]
    ): Guarded<(...args: Args) => Result> =>
    (name) =>
    (...args) => {
      try {
        return method(...args)
      } catch (error) {
        report(FAILED, undefined, error, name)
        return fallback as Result
      }
    }
  /**
   * Traits as JSON data: they are kept in state and stored, so one that cannot be serialised (cyclic, a throwing
   * toJSON or getter) is reported and left out now rather than failing a later save.
   */
  const readTraits = (traits: unknown) =>
    readObject(traits, (field, error) => report(UNREADABLE, error, undefined, 'Identify', `traits.${field}`), asJson)
  const listen = (listener: (record: EventRecord) => void) => {
    // null once stopped (before the engine is here, it then never starts listening)
    let stop: (() => void) | undefined | null
    // in order with the calls before it, so it sees every event run after it
    whenReady((ready) => {
      if (stop !== null) stop = ready.listen(listener)
    })
    return () => {
      stop?.()
      stop = null
    }
  }
  // decided once: on the server nothing is stored, started or loaded (the browser's client takes over on hydration)
  const browser = isBrowser()
  const store = createCopilotStore(
    createSafeStorage(browser ? options.storage : null, (error) => report(MEMORY_ONLY, undefined, error)),
    { ...options, traits: readTraits(options.traits) ?? {} },
  )
  // start() asked for while consent was denied: the anonymous identify goes out once consent is given
  let startRequested = false
  // the ID options the store could not use are reported by the engine
  let controlled = nonEmptyString(options.conversationId)

  const state = () => store.api.getState()
  const conversation = () => state().conversation

  /**
   * Builds an event with the identity and time of the call and queues it for the engine; `input` is the app's
   * input to a spec event, whose properties the engine finishes (for an identify: what was not used).
   */
  const build = (event: string | null, properties: Record<string, unknown> = {}, input?: Record<string, unknown>) => {
    const { traits, ...who } = state().identity
    const built = {
      ...(event === null ? { type: 'identify', traits: { ...traits } } : { type: 'track', event, properties }),
      ...who,
      timestamp: new Date().toISOString(),
    } as CopilotEvent
    whenReady((ready) => ready.run(built, input))
  }

  /** A copy of the input object (the engine reads it after the call); anything else is reported, `{}`. */
  const readInput = (event: string, input: unknown): Record<string, unknown> => {
    const fields = readObject(input, (field, error) => report(UNREADABLE, error, undefined, event, field))
    if (!fields) report(NOT_AN_OBJECT, input, undefined, event)
    return fields ?? {}
  }

  /** `{ messageId }` when given, `{}` when absent; a bad one is ignored (the engine reports it). */
  const readMessageId = (value: unknown): { messageId?: string } => (nonEmptyString(value) ? { messageId: value } : {})

  /**
   * A finite number, 'up' (1) or 'down' (-1); a numeric string is sent as its number (the engine reports it),
   * anything else is reported and not sent.
   */
  const readRating = (value: unknown): number | undefined => {
    const rating =
      value === 'up' ? 1 : value === 'down' ? -1 : typeof value === 'string' && value.trim() ? Number(value) : value
    // Number.isFinite does not convert: true for a finite number only
    if (Number.isFinite(rating)) return rating as number
    report(RATING_NOT_SENT, value)
  }

  /** A spec event about the current conversation, with what must be settled now (ids, type, rating). */
  const buildSpec = (event: string, input: Record<string, unknown>, settled: object) =>
    build(event, { conversationId: conversation().id, ...settled }, input)

  const buildMessage = (event: 'Message Sent' | 'Message Received', input: unknown) => {
    const fields = readInput(event, input)
    // a new message in an ended conversation opens a new one, unless the app owns the conversation ID
    if (conversation().ended) {
      if (controlled) {
        store.updateConversation((record) => {
          record.ended = false
        })
      } else store.switchConversation(createId())
    }
    const messageId = nonEmptyString(fields.messageId) ? fields.messageId : createId()
    const { id: conversationId, started } = conversation()
    const starts = event === 'Message Sent' && !started
    // one store update per message, so a subscriber (useConversation) renders once
    store.updateConversation((record) => {
      if (starts) record.started = true
      record.messageCount += 1
    })
    if (starts) build('Conversation Started', { conversationId })
    buildSpec(event, fields, { messageId })
    return messageId
  }

  /** Action Invoked and Media Generated: nothing to settle now, the engine finishes them (messageId included). */
  const buildAbout = (event: string) => (input: unknown) => buildSpec(event, readInput(event, input), {})

  // each method with what it returns when it fails unexpectedly: what "nothing" is for its caller
  const methods: { [Name in keyof Methods]: Guarded<Methods[Name]> } = {
    start: guard(() => {
      if (!browser) return
      startRequested = true
      store.persist()
      // events an earlier page queued during an outage go out now, not only after this page's first event
      if (state().consent === 'granted') whenReady((ready) => ready.resume())
      if (store.announced() || state().consent === 'denied') return
      store.markAnnounced()
      build(null)
    }),

    identify: guard((userId?: string | null, traits?: Record<string, unknown>) => {
      const named = nonEmptyString(userId) || typeof userId === 'number'
      const fields = readTraits(traits)
      store.setUser(named ? String(userId) : state().identity.userId, fields)
      if (state().consent !== 'denied') store.markAnnounced()
      // what was not used (a userId that is not a string, traits that are not an object) the engine reports
      build(null, undefined, { userId: named ? undefined : userId, traits: fields ? undefined : traits })
    }),

    reset: guard(() => {
      store.resetIdentity()
      controlled = false
      const { anonymousId } = state().identity
      whenReady((ready) => ready.reset(anonymousId))
      client.start()
    }),

    startConversation: guard((conversationId?: string, startOptions?: { controlled?: boolean }) => {
      const valid = nonEmptyString(conversationId)
      if (conversationId !== undefined && !valid) report(NEW_ID_USED)
      const id = valid ? conversationId : createId()
      controlled = startOptions?.controlled ?? false
      store.switchConversation(id)
      return id
    }, ''),

    endConversation: guard(() => {
      const { id, started, ended, messageCount } = conversation()
      if (!started || ended) return
      store.updateConversation((record) => {
        record.ended = true
      })
      build('Conversation Ended', { conversationId: id, message_count: messageCount })
    }),

    messageSent: guard((input: MessageInput) => buildMessage('Message Sent', input), ''),
    messageReceived: guard((input: MessageInput) => buildMessage('Message Received', input), ''),
    actionInvoked: guard(buildAbout('Action Invoked')),
    mediaGenerated: guard(buildAbout('Media Generated')),

    componentLoaded: guard((input: ComponentInput) => {
      const fields = readInput('Component Loaded', input)
      const { type } = fields
      if (!nonEmptyString(type)) {
        report(NO_TYPE)
        return false
      }
      const ids = readMessageId(fields.messageId)
      let key = `${ids.messageId}\u0000${type}`
      // without a messageId, what it shows tells two components apart: charts of AAPL and NVDA are two events
      try {
        if (!ids.messageId) key = JSON.stringify(fields)
      } catch {
        // properties JSON cannot hold (the engine reports them): once per type, as before
      }
      if (!store.claimComponent(key)) return false
      buildSpec('Component Loaded', fields, { ...ids, type })
      return true
    }, false),

    feedbackSubmitted: guard((input: FeedbackInput) => {
      const fields = readInput('Feedback Submitted', input)
      const rating = readRating(fields.rating)
      if (rating === undefined) return
      const ids = readMessageId(fields.messageId)
      // the user's rating is the last one: kept with the conversation, so a widget shows it after a reload
      store.updateConversation((record) => {
        record.ratings = { ...record.ratings, [ids.messageId ?? '']: rating }
      })
      buildSpec('Feedback Submitted', fields, { ...ids, rating })
      return rating
    }),

    track: guard((event: string, properties?: unknown) => {
      if (!nonEmptyString(event)) return report(NO_NAME, undefined, undefined, String(event))
      build(event, {
        conversationId: conversation().id,
        ...(properties === undefined ? {} : readInput(event, properties)),
      })
    }) as Guarded<Methods['track']>,

    setConsent: guard((consent: ConsentState) => {
      if (!['granted', 'pending', 'denied'].includes(consent)) return report(UNKNOWN_STATE, consent)
      store.api.setState({ consent })
      whenReady((ready) => ready.setConsent(consent))
      if (consent !== 'denied' && startRequested) client.start()
    }),
  }

  const client = {
    getState: state,
    // one listener that throws is reported and skipped: it must not stop the others, nor the store update
    subscribe: (listener) =>
      store.api.subscribe((...states) => {
        try {
          listener(...states)
        } catch (error) {
          report(LISTENER_THREW, undefined, error)
        }
      }),
    listen,
    // the engine (or its failure), then the destination (the engine reports a destination's failure)
    flush: () => ready.then((loaded) => loaded?.flush()),
  } as CopilotAnalytics<KnownEvents & Custom>
  for (const name in methods)
    (client as unknown as Record<string, unknown>)[name] = methods[name as keyof Methods](name)

  // the one async boundary: the intents made until the engine is here run then, in order
  const arrive = (loaded: Engine) => {
    // an intent made while the queue drains (a listener that tracks) goes behind the ones made before it
    for (let intent = intents.shift(); intent; intent = intents.shift()) perform(loaded, intent)
    engine = loaded
    return loaded
  }
  const fail = (error: unknown) => {
    engine = null // nothing can be sent from this page: stop queueing
    intents.length = 0
    try {
      options.onError?.(
        new CopilotAnalyticsError('createCopilotAnalytics', '-', 'the pipeline did not load', { cause: error }),
      )
    } catch {
      // a throwing onError must not break the host app either
    }
    return null
  }
  let ready: Promise<Engine | null>
  try {
    const started = start(options, browser)
    ready = started instanceof Promise ? started.then(arrive, fail) : Promise.resolve(arrive(started))
  } catch (error) {
    ready = Promise.resolve(fail(error))
  }
  return client
}
