import { applyBeforeSend } from './beforeSend'
import type { CopilotAnalyticsError } from './CopilotAnalyticsError'
import { DEFAULT_MAX_EVENT_BYTES, LOCAL_WRITE_KEY } from './constants'
import { lazyDestination } from './destinations/lazy'
import { finishProperties, nonEmptyString } from './finishProperties'
import { isDevelopment } from './isDevelopment'
import { applyMessageBodyMode, type BodyTransform } from './messageBody'
import { createReporter, type Reporter } from './reporter'
import { createSampler } from './sampling'
import { sanitizeProperties } from './sanitize'
import { fitEvent, jsonBytes } from './truncate'
import type {
  AnalyticsLike,
  ConsentState,
  CopilotAnalyticsOptions,
  CopilotEvent,
  DeliveryResult,
  Destination,
  EventRecord,
} from './types'
import type { EventValidator } from './validateEvent'

/** The pipeline as the client drives it. */
export interface Pipeline {
  /** Hands an event over; with `input`, a spec event whose properties are finished from the app's input. */
  push(event: CopilotEvent, input?: Record<string, unknown>): void
  listen(listener: (record: EventRecord) => void): () => void
  setConsent(state: ConsentState): void
  /** The visitor logged out: the destination forgets its identity. */
  resetDestination(anonymousId: string): void
  /** Sends what the destination kept from an earlier page (see `Destination.resume`). */
  resume(): void
  /** Reports a problem: a console warning in development, `onError` always (see `Reporter`). */
  report: Reporter['report']
  flush(): Promise<void>
}

/**
 * What the pipeline takes from the client rather than importing it: a chunk that imports nothing from the app's
 * first bundle can be loaded on its own, without a bundler splitting the shared code into a third file.
 */
export interface PipelineHost {
  /** The client runs in a browser (`isBrowser()`). */
  browser: boolean
  /** The kit's error type, for the problems the pipeline reports. */
  CopilotAnalyticsError: typeof CopilotAnalyticsError
  /** The `validator` option, or the spec validator in development builds (see `developmentValidator`). */
  validator: EventValidator | undefined
}

function resolveDestination(
  options: CopilotAnalyticsOptions,
  reporter: Reporter,
  browser: boolean,
): Destination | null {
  const { destination, writeKey, apiHost, cookieIdentity } = options
  if (destination) return destination
  // on the server nothing is loaded or sent; the browser's client takes over on hydration
  const analytics = options.analytics ?? (browser ? (window as { analytics?: AnalyticsLike }).analytics : undefined)
  // the adapters are imported on first use, in chunks of their own: apps that bring a destination never load them
  if (options.analytics || (analytics && !writeKey && !apiHost && typeof analytics.track === 'function')) {
    return lazyDestination(() =>
      import('./destinations/analyticsLike').then((module) =>
        module.analyticsLikeDestination(analytics as AnalyticsLike),
      ),
    )
  }
  if (!browser) return null
  if (writeKey || apiHost) {
    return lazyDestination(() =>
      import('./destinations/segment').then((module) =>
        module.segmentDestination({
          writeKey: writeKey || LOCAL_WRITE_KEY,
          apiHost,
          cookieIdentity,
          // the same problem as the client's own storage falling back: one warning for both
          onStorageFallback: (error) => reporter.report('storage', '-', 'memory only', undefined, error),
        }),
      ),
    )
  }
  reporter.report('createCopilotAnalytics', 'writeKey', 'no destination')
  return null
}

const nameOf = (event: CopilotEvent): string => (event.type === 'track' ? event.event : 'Identify')

/**
 * The default byte budget of an event as handed over: Segment's limit less room for what analytics-next adds
 * (context, ids, write key: `DEFAULT_MAX_EVENT_BYTES`). The page's URL (sent twice: url, then path and search),
 * referrer and title are part of that context, so a page where they are long leaves less (past their first KB).
 */
function defaultBudget(browser: boolean): number {
  let page = 0
  try {
    if (browser) page = jsonBytes([location.href, location.href, document.referrer, document.title]) - 1024
  } catch {
    // no location or document to read: the fixed room is all there is
  }
  return DEFAULT_MAX_EVENT_BYTES - Math.max(0, page)
}

/**
 * The short way from a client's event to the destination: spec properties finished from the app's input →
 * consent gate → sampling → privacy (body mode, size) → beforeSend → validation → listeners → destination.
 * Never throws. The client imports this module on first use (see `deferPipeline`).
 */
export function createPipeline(options: CopilotAnalyticsOptions, host: PipelineHost): Pipeline {
  // here, not in the client: the reporter and the problems' texts load with the pipeline, not in the first bundle
  const reporter = createReporter(host.CopilotAnalyticsError, options.onError)
  const { beforeSend, plan, maxPendingEvents = 200, maxEventBytes } = options
  // the client went on without an ID option that is not a non-empty string (a new one, or the stored one)
  for (const key of ['anonymousId', 'userId', 'conversationId'] as const) {
    if (options[key] !== undefined && !nonEmptyString(options[key])) {
      reporter.report('createCopilotAnalytics', key, 'ignored')
    }
  }
  const budget = () =>
    typeof maxEventBytes === 'number' && maxEventBytes > 0 ? maxEventBytes : defaultBudget(host.browser)
  // the app's options are hostile input too: one that cannot be used is reported, the pipeline runs on without it
  let destination: Destination | null = null
  try {
    destination = resolveDestination(options, reporter, host.browser)
  } catch (error) {
    reporter.report('createCopilotAnalytics', 'destination', 'failed', undefined, error)
  }
  const { validator } = host
  const validate = options.validate ?? (validator && isDevelopment() ? 'warn' : 'off')
  if (validate !== 'off' && !validator) {
    reporter.report(
      'createCopilotAnalytics',
      'validator',
      'production builds need validator: validateEvent to validate',
    )
  }
  let sampler: ReturnType<typeof createSampler>
  try {
    sampler = createSampler(options.sample, reporter)
  } catch (error) {
    reporter.report('createCopilotAnalytics', 'sample', 'not sampled', undefined, error)
  }
  // the onEvent option is the first listener
  const listeners = new Set<(record: EventRecord) => void>(options.onEvent ? [options.onEvent] : [])
  const held: CopilotEvent[] = []
  let consent = options.consent ?? 'granted'
  const mode = options.messageBody ?? 'full'
  // 'redact' loads its rules on first use, so apps that never redact never ship them; until they are here (body
  // null), events wait in order (a failed load omits the bodies: raw text never goes out in their place)
  let body: BodyTransform | null = mode === 'redact' ? null : mode
  let loading: Promise<void> | undefined
  const waiting: CopilotEvent[] = []
  if (mode === 'redact') {
    loading = import('./redact').then(
      (module) => {
        body = module.redact
      },
      (error: unknown) => {
        body = 'omit'
        reporter.report(
          'createCopilotAnalytics',
          'messageBody',
          'redaction rules did not load; bodies omitted',
          undefined,
          error,
        )
      },
    )
    loading.then(() => {
      loading = undefined
      for (const event of waiting.splice(0)) deliver(event)
    })
  }

  const notify = (record: EventRecord) => {
    for (const listener of listeners) {
      try {
        listener(record)
      } catch (error) {
        reporter.report('onEvent', '-', 'listener threw', undefined, error)
      }
    }
  }
  const drop = (event: CopilotEvent, reason: string) => notify({ event, status: 'dropped', problems: [], reason })

  /**
   * The event as it is handed over: properties (or traits) made JSON-safe, IDs as strings, the body mode applied
   * (when `transform` is given), then fitted to the byte budget measured on the serialised event (see `fitEvent`).
   * Null when it cannot fit at all.
   */
  const shape = (raw: CopilotEvent, transform?: BodyTransform): CopilotEvent | null => {
    const name = nameOf(raw)
    const sanitized = sanitizeProperties(raw.type === 'track' ? raw.properties : raw.traits)
    for (const fix of sanitized.fixes) reporter.report(name, fix.path, fix.problem, fix.detail)
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
    const fitted = fitEvent(event, budget(), (field, problem) => reporter.report(name, field, problem))
    if (!fitted) reporter.report(name, '-', 'event too large')
    return fitted
  }

  /** The event with its body mode applied, through beforeSend and the validator, to the destination. */
  const handOver = (raw: CopilotEvent, transform: BodyTransform) => {
    const prepared = shape(raw, transform)
    if (!prepared) return drop(raw, 'too large')
    // what beforeSend returns is the app's: shaped again, so it is as safe and as small as what went in
    const changed = beforeSend ? applyBeforeSend(prepared, beforeSend, reporter) : prepared
    const event = changed && changed !== prepared ? shape(changed) : changed
    if (!event) {
      drop(prepared, changed ? 'too large' : 'dropped by beforeSend')
      return
    }
    // the only place the validator runs: with validate 'off' (the production default) it costs nothing per event
    const problems = validate !== 'off' && validator ? validator(event, plan) : []
    for (const problem of problems) reporter.report(problem.event, problem.field, problem.message)
    // warnings (a recommended property missing, a likely misspelling) never drop an event
    const strict = validate === 'strict' && problems.some((problem) => problem.severity !== 'warning')
    const sent = strict ? undefined : destination?.send(event)
    // a destination's rejected promise is its verdict, never an unhandled rejection
    const delivery =
      sent && Promise.resolve(sent).catch((error: unknown): DeliveryResult => ({ delivered: false, error }))
    const reason = strict ? 'invalid (validate: strict)' : delivery ? undefined : 'no destination'
    notify({
      event,
      status: delivery ? 'sent' : 'dropped',
      problems,
      ...(reason ? { reason } : {}),
      ...(delivery ? { delivery } : {}),
    })
  }

  /** Never throws: it also runs where nothing would catch it (consent given, the redaction rules arriving). */
  const deliver = (raw: CopilotEvent): void => {
    if (!body || waiting.length) {
      waiting.push(raw)
      return
    }
    try {
      handOver(raw, body)
    } catch (error) {
      reporter.report(nameOf(raw), '-', 'send failed', undefined, error)
    }
  }

  return {
    listen(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },

    setConsent(state) {
      consent = state
      if (state === 'pending') return
      for (const event of held.splice(0)) {
        if (state === 'granted') deliver(event)
        else drop(event, 'consent denied')
      }
    },

    push(draft, input) {
      let event = draft
      try {
        if (input && draft.type === 'track') {
          event = { ...draft, properties: finishProperties(draft.event, input, draft.properties, reporter) }
        }
        if (consent === 'denied') return drop(event, 'consent denied')
        // sampled when it happens, so a held queue is not filled with events that would be dropped anyway
        const rate = sampler ? sampler(event) : 1
        if (rate === null) return drop(event, 'sampled out')
        // kept events say at which rate they were kept, so counts can be weighted back up (1 / sample_rate)
        const sampled =
          rate < 1 && event.type === 'track'
            ? { ...event, properties: { ...event.properties, sample_rate: rate } }
            : event
        if (consent === 'granted') return deliver(sampled)
        held.push(sampled)
        notify({ event: sampled, status: 'held', problems: [], reason: 'consent pending' })
        if (held.length <= maxPendingEvents) return
        const dropped = held.shift() as CopilotEvent
        reporter.report(nameOf(dropped), '-', 'queue full', maxPendingEvents)
        drop(dropped, 'consent queue full')
      } catch (error) {
        reporter.report(nameOf(event), '-', 'send failed', undefined, error)
      }
    },

    resetDestination(anonymousId) {
      destination?.reset?.(anonymousId)
    },

    resume() {
      destination?.resume?.()
    },

    report: reporter.report,

    async flush() {
      await loading
      await destination?.flush?.()
    },
  }
}
