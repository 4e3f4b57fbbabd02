import type { KnownEvents } from '../spec'
import { deferPipeline } from './deferredPipeline'
import { createId, nonEmptyString } from './ids'
import { isBrowser } from './isBrowser'
import type { Reporter } from './reporter'
import { createSafeStorage } from './storage'
import { createCopilotStore } from './store'
import type { CopilotAnalytics, CopilotAnalyticsOptions, CopilotEvent, EventRecord } from './types'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

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

/** A value as JSON data (BigInts as their digits, as the pipeline sends them); throws when it has none. */
const asJson = (value: unknown) => {
  const text = JSON.stringify(value, (_key, field) => (typeof field === 'bigint' ? String(field) : field))
  return text && JSON.parse(text)
}

/**
 * Creates the framework-agnostic client: identity and conversation state, ids and spec events, answered at once.
 * Its pipeline to the destination (privacy, truncation, validation, consent, listeners) is a chunk imported when the
 * client is created; the events made before it arrives are handed over in order once it is here (`flush()` waits).
 * No method throws; problems are reported (console in development, `onError` always).
 * @typeParam Custom your own events and their properties, typed and checked like the spec's.
 */
export function createCopilotAnalytics<Custom extends object = Record<never, never>>(
  given?: CopilotAnalyticsOptions,
): CopilotAnalytics<KnownEvents & Custom> {
  // the options are read once: a getter that throws, or a Proxy, cannot fail a later call (reported once `report`
  // exists, a microtask later)
  const options: CopilotAnalyticsOptions =
    readObject(given, (field, error) =>
      queueMicrotask(() => report('createCopilotAnalytics', field, 'unreadable', error)),
    ) ?? {}
  const [withPipeline, pipelineReady] = deferPipeline(options)
  const report: Reporter['report'] = (...problem) => withPipeline((pipeline) => pipeline.report(...problem))
  /**
   * Traits as JSON data: they are kept in state and stored, so one that cannot be serialised (cyclic, a throwing
   * toJSON or getter) is reported and left out now rather than failing a later save.
   */
  const readTraits = (traits: unknown) =>
    readObject(traits, (field, error) => report('Identify', `traits.${field}`, 'unreadable', error), asJson)
  const listen = (listener: (record: EventRecord) => void) => {
    let listening = true
    let stop: (() => void) | undefined
    // in order with the calls before it, so it sees every event handed over after it
    withPipeline((pipeline) => {
      if (listening) stop = pipeline.listen(listener)
    })
    return () => {
      listening = false
      stop?.()
    }
  }
  const store = createCopilotStore(
    createSafeStorage(isBrowser() ? options.storage : null, (error) =>
      report('storage', '-', 'memory only', undefined, error),
    ),
    { ...options, traits: readTraits(options.traits) ?? {} },
  )
  // start() asked for while consent was denied: the anonymous identify goes out once consent is given
  let startRequested = false
  // the ID options the store could not use are reported by the pipeline
  let controlled = nonEmptyString(options.conversationId)

  const state = () => store.api.getState()
  const conversation = () => state().conversation

  /** Hands an event over; `input` is the app's input to a spec event, whose properties the pipeline finishes. */
  const send = (event: string | null, properties: Record<string, unknown> = {}, input?: Record<string, unknown>) => {
    const { traits, ...who } = state().identity
    const handed = {
      ...(event === null ? { type: 'identify', traits: { ...traits } } : { type: 'track', event, properties }),
      ...who,
      timestamp: new Date().toISOString(),
    } as CopilotEvent
    withPipeline((pipeline) => pipeline.push(handed, input))
  }

  /** A copy of the input object (the pipeline may read it after the call); anything else is reported, `{}`. */
  const readInput = (event: string, input: unknown): Record<string, unknown> => {
    const fields = readObject(input, (field, error) => report(event, field, 'unreadable', error))
    if (!fields) report(event, 'input', 'not an object', input)
    return fields ?? {}
  }

  /** `{ messageId }` when given (or generated), `{}` when absent; a bad one is ignored (the pipeline reports it). */
  const readMessageId = (value: unknown, generate?: boolean): { messageId?: string } =>
    nonEmptyString(value) ? { messageId: value } : generate ? { messageId: createId() } : {}

  /**
   * A finite number, 'up' (1) or 'down' (-1); a numeric string is sent as its number (the pipeline reports it),
   * anything else is reported and not sent.
   */
  const readRating = (value: unknown): number | undefined => {
    const rating =
      value === 'up' ? 1 : value === 'down' ? -1 : typeof value === 'string' && value.trim() ? Number(value) : value
    if (typeof rating === 'number' && Number.isFinite(rating)) return rating
    report('Feedback Submitted', 'rating', 'not sent', value)
  }

  /** A spec event about the current conversation, with what must be settled now (ids, type, rating). */
  const draft = (event: string, input: Record<string, unknown>, settled: object) =>
    send(event, { conversationId: conversation().id, ...settled }, input)

  const sendMessage = (event: 'Message Sent' | 'Message Received', input: unknown) => {
    const fields = readInput(event, input)
    // a new message in an ended conversation opens a new one, unless the app owns the conversation ID
    if (conversation().ended) {
      if (controlled) {
        store.updateConversation((record) => {
          record.ended = false
        })
      } else store.switchConversation(createId())
    }
    const ids = readMessageId(fields.messageId, true)
    const { id: conversationId, started } = conversation()
    const starts = event === 'Message Sent' && !started
    // one store update per message, so a subscriber (useConversation) renders once
    store.updateConversation((record) => {
      if (starts) record.started = true
      record.messageCount += 1
    })
    if (starts) send('Conversation Started', { conversationId })
    draft(event, fields, ids)
    return ids.messageId as string
  }

  /** Action Invoked and Media Generated: nothing to settle now, the pipeline finishes them (messageId included). */
  const sendAbout = (event: string) => (input: unknown) => draft(event, readInput(event, input), {})

  const methods: Omit<CopilotAnalytics<KnownEvents & Custom>, 'getState' | 'subscribe' | 'listen' | 'flush'> = {
    start() {
      if (!isBrowser()) return
      startRequested = true
      store.persist()
      // events an earlier page queued during an outage go out now, not only after this page's first event
      if (state().consent === 'granted') withPipeline((pipeline) => pipeline.resume())
      if (store.announced() || state().consent === 'denied') return
      store.markAnnounced()
      send(null)
    },

    identify(userId, traits) {
      let id = state().identity.userId
      if (nonEmptyString(userId) || typeof userId === 'number') id = String(userId)
      else if (userId != null) report('Identify', 'userId', 'not a string')
      const fields = readTraits(traits)
      if (traits !== undefined && !fields) report('Identify', 'traits', 'not an object, ignored')
      store.setUser(id, fields)
      if (state().consent !== 'denied') store.markAnnounced()
      send(null)
    },

    reset() {
      store.resetIdentity()
      controlled = false
      const { anonymousId } = state().identity
      withPipeline((pipeline) => pipeline.resetDestination(anonymousId))
      client.start()
    },

    startConversation(conversationId, startOptions) {
      const valid = nonEmptyString(conversationId)
      if (conversationId !== undefined && !valid) report('startConversation', 'conversationId', 'new ID used')
      const id = valid ? conversationId : createId()
      controlled = startOptions?.controlled ?? false
      store.switchConversation(id)
      return id
    },

    endConversation() {
      const { id, started, ended, messageCount } = conversation()
      if (!started || ended) return
      store.updateConversation((record) => {
        record.ended = true
      })
      send('Conversation Ended', { conversationId: id, message_count: messageCount })
    },

    messageSent: (input) => sendMessage('Message Sent', input),
    messageReceived: (input) => sendMessage('Message Received', input),
    actionInvoked: sendAbout('Action Invoked'),
    mediaGenerated: sendAbout('Media Generated'),

    componentLoaded(input) {
      const fields = readInput('Component Loaded', input)
      const { type } = fields
      if (!nonEmptyString(type)) {
        report('Component Loaded', 'type', 'no type, not sent')
        return false
      }
      const ids = readMessageId(fields.messageId)
      let key = `${ids.messageId}\u0000${type}`
      // without a messageId, what it shows tells two components apart: charts of AAPL and NVDA are two events
      try {
        if (!ids.messageId) key = JSON.stringify(fields)
      } catch {
        // properties JSON cannot hold (the pipeline reports them): once per type, as before
      }
      if (!store.claimComponent(key)) return false
      draft('Component Loaded', fields, { ...ids, type })
      return true
    },

    feedbackSubmitted(input) {
      const fields = readInput('Feedback Submitted', input)
      const rating = readRating(fields.rating)
      if (rating === undefined) return
      const ids = readMessageId(fields.messageId)
      // the user's rating is the last one: kept with the conversation, so a widget shows it after a reload
      store.updateConversation((record) => {
        record.ratings = { ...record.ratings, [ids.messageId ?? '']: rating }
      })
      draft('Feedback Submitted', fields, { ...ids, rating })
      return rating
    },

    track(event: string, properties?: unknown) {
      if (!nonEmptyString(event)) return report(String(event) || '(empty)', 'event', 'no name, not sent')
      send(event, {
        conversationId: conversation().id,
        ...(properties === undefined ? {} : readInput(event, properties)),
      })
    },

    setConsent(consent) {
      if (!['granted', 'pending', 'denied'].includes(consent))
        return report('setConsent', 'state', 'unknown state', consent)
      store.api.setState({ consent })
      withPipeline((pipeline) => pipeline.setConsent(consent))
      if (consent !== 'denied' && startRequested) client.start()
    },
  }

  const client = {
    getState: state,
    // one listener that throws is reported and skipped: it must not stop the others, nor the store update
    subscribe: (listener) =>
      store.api.subscribe((...states) => {
        try {
          listener(...states)
        } catch (error) {
          report('subscribe', '-', 'listener threw', undefined, error)
        }
      }),
    listen,
    flush: () =>
      pipelineReady
        .then((pipeline) => pipeline?.flush())
        .catch((error: unknown) => report('flush', '-', 'flush failed', undefined, error)),
  } as CopilotAnalytics<KnownEvents & Custom>
  // no method throws into the app: an unexpected failure is reported, and the call returns what "nothing" is
  for (const [name, method] of Object.entries(methods) as [keyof typeof methods, (...args: unknown[]) => unknown][]) {
    const fallback = name === 'componentLoaded' ? false : /^(message|startC)/.test(name) ? '' : undefined
    ;(client as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      try {
        return method(...args)
      } catch (error) {
        report(name, '-', 'failed', undefined, error)
        return fallback
      }
    }
  }
  return client
}
