import { nonEmptyString } from '../shared/guards'
import { isDevelopment } from '../shared/isDevelopment'
import type { SpecProblem } from '../spec'
import { applyBeforeSend, nameOf } from './beforeSend'
import { DEFAULT_MAX_EVENT_BYTES } from './constants'
import { developmentValidator } from './developmentValidator'
import { finishProperties } from './finishProperties'
import { applyMessageBodyMode, type BodyTransform } from './messageBody'
import { FRONT_PROBLEMS } from './problems'
import { createReporter, type Reporter } from './reporter'
import { createSampler } from './sampling'
import { sanitizeProperties } from './sanitize'
import { fitEvent, jsonBytes } from './truncate'
import type {
  ConsentState,
  CopilotAnalyticsOptions,
  CopilotEvent,
  DeliveryResult,
  Destination,
  EventRecord,
  Sampler,
} from './types'

/** The engine as the client drives it: every method runs now, synchronously, and never throws. */
export interface Engine {
  /**
   * Runs an event through the stages; with `input`, a spec event whose properties are finished from it, or an
   * identify with what the client did not use (`userId`, `traits`), reported here rather than on the app's call.
   */
  run(event: CopilotEvent, input?: Record<string, unknown>): void
  listen(listener: (record: EventRecord) => void): () => void
  setConsent(state: ConsentState): void
  /** The visitor logged out: the destination forgets its identity. */
  reset(anonymousId: string): void
  /** Picks up what the destination kept from an earlier page (see `Destination.resume`). */
  resume(): void
  /** Reports a problem: a console warning in development, `onError` always (see `Reporter`). */
  report: Reporter['report']
  /**
   * Reports a problem the client's front found, by its number in `FRONT_PROBLEMS` (which says its name, and its
   * event and field unless given here): so the words stay out of the first bundle.
   * @param detail what came, or what was used instead (as `Reporter.report`'s)
   * @param cause the error that caused it
   * @param event the event or API concerned, when the row's varies ('' in the row)
   * @param field the field concerned, when the row's varies
   */
  reportFront(problem: number, detail?: unknown, cause?: unknown, event?: string, field?: string): void
  /** Resolves when every event run so far has been passed on by the destination; never rejects (it reports). */
  flush(): Promise<void>
}

/** What the engine is made with, all loaded (see `loadEngine`): it imports nothing later. */
export interface EngineParts {
  /** Where events go; null: nowhere (on the server without one, or none configured). */
  destination: Destination | null
  /**
   * Loads the destination once consent is granted (analytics-next from `writeKey`/`apiHost` on a page whose
   * consent was not granted when the engine loaded: nothing is requested from Segment before consent).
   */
  connect?: (() => Promise<Destination>) | undefined
  /** The redaction rules, for `messageBody: 'redact'` (without them, bodies are omitted, never sent raw). */
  redact?: ((text: string) => string) | undefined
  reporter?: Reporter | undefined
}

/** An event on its way through the stages, with what the validator found. */
interface Passage {
  event: CopilotEvent
  problems: readonly SpecProblem[]
}

/** One step of the way: true passes the event on, false keeps it here (dropped, held, sent). */
type Stage = (passage: Passage) => boolean

/**
 * What stands in for a destination that could not load (from the option `field`): the failure is reported once, and
 * every event is refused with it as the reason, so the events' records say why.
 */
export const failedDestination = (reporter: Reporter, field: string, error: unknown): Destination => {
  reporter.report('createCopilotAnalytics', field, 'failed', undefined, error)
  return { send: () => Promise.resolve({ delivered: false, error }) }
}

/**
 * The default byte budget of an event as sent: Segment's limit less room for what analytics-next adds
 * (context, ids, write key: `DEFAULT_MAX_EVENT_BYTES`). The page's URL (sent twice: url, then path and search),
 * referrer and title are part of that context, so a page where they are long leaves less (past their first KB).
 */
function defaultBudget(): number {
  let page = 0
  try {
    page = jsonBytes([location.href, location.href, document.referrer, document.title]) - 1024
  } catch {
    // not a browser (no location or document to read: reading them throws): the fixed room is all there is
  }
  return DEFAULT_MAX_EVENT_BYTES - Math.max(0, page)
}

/**
 * The engine: the client's events through an ordered list of stages, synchronously: consent → sampling → hold →
 * privacy and size (shape) → beforeSend → validation → listeners and destination. Everything it needs is here
 * when it is made (`loadEngine` waits for it), so nothing in it waits, with three exceptions that are the
 * destination's own: delivery's promises, analytics-next's identity ordering on a change of user
 * (`analyticsLikeDestination`), and, on a page whose consent was pending when the engine loaded, loading
 * analytics-next once consent is granted (the held events wait in the consent queue meanwhile).
 */
export function createEngine(options: CopilotAnalyticsOptions, parts: EngineParts): Engine {
  const reporter = parts.reporter ?? createReporter(options.onError)
  const { report } = reporter
  const { beforeSend, plan, maxPendingEvents = 200, maxEventBytes } = options
  // the client went on without an ID option that is not a non-empty string (a new one, or the stored one)
  for (const key of ['anonymousId', 'userId', 'conversationId'] as const) {
    if (options[key] !== undefined && !nonEmptyString(options[key])) report('createCopilotAnalytics', key, 'ignored')
  }
  const budget = typeof maxEventBytes === 'number' && maxEventBytes > 0 ? () => maxEventBytes : defaultBudget
  const validator = options.validator ?? developmentValidator()
  const validate = options.validate ?? (validator && isDevelopment() ? 'warn' : 'off')
  if (validate !== 'off' && !validator) {
    report('createCopilotAnalytics', 'validator', 'production builds need validator: validateEvent to validate')
  }
  // the app's options are hostile input too: one that cannot be used is reported, the engine runs on without it
  let sampler: Sampler | undefined
  try {
    sampler = createSampler(options.sample, reporter)
  } catch (error) {
    report('createCopilotAnalytics', 'sample', 'not sampled', undefined, error)
  }
  const mode = options.messageBody ?? 'full'
  // 'redact' whose rules did not load omits the bodies: raw text never goes out in their place
  const body: BodyTransform = mode === 'redact' ? (parts.redact ?? 'omit') : mode
  let destination = parts.destination
  let connect = parts.connect
  let connecting: Promise<void> | undefined
  let consent = options.consent ?? 'granted'
  const held: CopilotEvent[] = []
  // the onEvent option is the first listener
  const listeners = new Set<(record: EventRecord) => void>(options.onEvent ? [options.onEvent] : [])

  const notify = (record: EventRecord) => {
    for (const listener of listeners) {
      try {
        listener(record)
      } catch (error) {
        report('onEvent', '-', 'listener threw', undefined, error)
      }
    }
  }
  const drop = (event: CopilotEvent, reason: string) => {
    notify({ event, status: 'dropped', problems: [], reason })
    return false
  }

  /**
   * The event as it leaves: properties (or traits) made JSON-safe, IDs as strings, the body mode applied (when
   * `transform` is given), then fitted to the byte budget measured on the serialised event (see `fitEvent`).
   * Null when it cannot fit at all.
   */
  const prepare = (raw: CopilotEvent, transform?: BodyTransform): CopilotEvent | null => {
    const name = nameOf(raw)
    const sanitized = sanitizeProperties(raw.type === 'track' ? raw.properties : raw.traits)
    for (const fix of sanitized.fixes) report(name, fix.path, fix.problem, fix.detail)
    const ids = {
      userId: typeof raw.userId === 'string' ? raw.userId : null,
      anonymousId: String(raw.anonymousId),
      timestamp: String(raw.timestamp),
    }
    const event: CopilotEvent =
      raw.type === 'track'
        ? {
            type: 'track',
            event: String(raw.event),
            // long answers are normal, so truncation is marked on the event, not reported as a problem
            properties: transform ? applyMessageBodyMode(name, sanitized.value, transform, reporter) : sanitized.value,
            ...ids,
          }
        : { type: 'identify', traits: sanitized.value, ...ids }
    const fitted = fitEvent(event, budget(), (field, problem) => report(name, field, problem))
    if (!fitted) report(name, '-', 'event too large')
    return fitted
  }

  /** Denied consent drops every event. */
  const refuse: Stage = ({ event }) => consent !== 'denied' || drop(event, 'consent denied')

  /** Sampled when it happens, so the consent queue is not filled with events that would be dropped anyway. */
  const sample: Stage = (passage) => {
    const rate = sampler ? sampler(passage.event) : 1
    if (rate === null) return drop(passage.event, 'sampled out')
    // kept events say at which rate they were kept, so counts can be weighted back up (1 / sample_rate)
    const { event } = passage
    if (rate < 1 && event.type === 'track')
      passage.event = { ...event, properties: { ...event.properties, sample_rate: rate } }
    return true
  }

  /** Pending consent (or a destination loading since consent was given) keeps events, oldest first. */
  const hold: Stage = ({ event }) => {
    if (consent === 'granted' && !connecting && !held.length) return true
    held.push(event)
    if (consent !== 'pending') return false
    notify({ event, status: 'held', problems: [], reason: 'consent pending' })
    if (held.length > maxPendingEvents) {
      const dropped = held.shift() as CopilotEvent
      report(nameOf(dropped), '-', 'queue full', maxPendingEvents)
      drop(dropped, 'consent queue full')
    }
    return false
  }

  /** Privacy and size: JSON-safe, the body mode, the byte budget. */
  const shape: Stage = (passage) => {
    const event = prepare(passage.event, body)
    if (!event) return drop(passage.event, 'too large')
    passage.event = event
    return true
  }

  /** The app's own step; what it returns is shaped again, so it is as safe and as small as what went in. */
  const applyHook: Stage = (passage) => {
    if (!beforeSend) return true
    const changed = applyBeforeSend(passage.event, beforeSend, reporter)
    const event = changed && changed !== passage.event ? prepare(changed) : changed
    if (!event) return drop(passage.event, changed ? 'too large' : 'dropped by beforeSend')
    passage.event = event
    return true
  }

  /** The only place the validator runs: with validate 'off' (the production default) it costs nothing per event. */
  const check: Stage = (passage) => {
    if (validate === 'off' || !validator) return true
    passage.problems = validator(passage.event, plan)
    for (const problem of passage.problems) report(problem.event, problem.field, problem.message)
    // warnings (a recommended property missing, a likely misspelling) never drop an event
    if (validate !== 'strict' || passage.problems.every((problem) => problem.severity === 'warning')) return true
    notify({ ...passage, status: 'dropped', reason: 'invalid (validate: strict)' })
    return false
  }

  /** To the destination; the listeners see it with the destination's verdict to come. */
  const send: Stage = (passage) => {
    const sent = destination?.send(passage.event)
    if (!sent) {
      notify({ ...passage, status: 'dropped', reason: 'no destination' })
      return false
    }
    // a destination's rejected promise is its verdict, never an unhandled rejection
    const delivery = Promise.resolve(sent).catch((error: unknown): DeliveryResult => ({ delivered: false, error }))
    notify({ ...passage, status: 'sent', delivery })
    return true
  }

  const stages: readonly Stage[] = [refuse, sample, hold, shape, applyHook, check, send]
  const afterHold = stages.indexOf(hold) + 1

  /** Runs the stages from `from` on; never throws (it also runs where nothing would catch it). */
  const runFrom = (event: CopilotEvent, from: number) => {
    const passage: Passage = { event, problems: [] }
    try {
      for (let stage = from; stage < stages.length; stage++) if (!stages[stage]?.(passage)) return
    } catch (error) {
      report(nameOf(event), '-', 'send failed', undefined, error)
    }
  }

  /** The held events go on (granted) or are dropped (denied), oldest first. */
  const release = () => {
    // one at a time: an event a listener makes meanwhile waits behind the ones held before it
    for (let event = held.shift(); event; event = held.shift()) {
      if (consent === 'denied') drop(event, 'consent denied')
      else runFrom(event, afterHold)
    }
  }

  /** Loads the destination `connect` gives (once), then releases what waited for it. */
  const connectNow = () => {
    const load = connect
    if (!load) return
    connect = undefined
    connecting = load()
      .catch((error: unknown) => failedDestination(reporter, 'destination', error))
      .then((loaded) => {
        destination = loaded
        connecting = undefined
        if (consent === 'granted') release()
      })
  }

  return {
    run(event, input) {
      let finished = event
      try {
        if (input && event.type === 'track') {
          finished = { ...event, properties: finishProperties(event.event, input, event.properties, reporter) }
        } else if (input) {
          if (input.userId != null) report('Identify', 'userId', 'not a string')
          if (input.traits !== undefined) report('Identify', 'traits', 'not an object, ignored')
        }
      } catch (error) {
        report(nameOf(event), '-', 'send failed', undefined, error)
        return
      }
      runFrom(finished, 0)
    },

    listen(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },

    setConsent(state) {
      consent = state
      if (state === 'pending') return
      // granted with the destination still to load: what is held waits for it (see connectNow)
      if (state === 'granted' && connect) connectNow()
      if (state === 'denied' || !connecting) release()
    },

    reset(anonymousId) {
      destination?.reset?.(anonymousId)
    },

    resume() {
      if (consent !== 'granted') return
      if (connect) connectNow()
      else destination?.resume?.()
    },

    report,

    reportFront(problem, detail, cause, event, field) {
      // the front's numbers are typed against the list (FrontProblem)
      const [fixedEvent, fixedField, name] = FRONT_PROBLEMS[problem] as (typeof FRONT_PROBLEMS)[number]
      report(event || fixedEvent, field ?? fixedField, name, detail, cause)
    },

    async flush() {
      try {
        await connecting
        await destination?.flush?.()
      } catch (error) {
        // flush() resolves whatever the destination does: the app awaits it before leaving
        report('flush', '-', 'flush failed', undefined, error)
      }
    },
  }
}
