import type { AnalyticsLike, CopilotEvent, DeliveryResult, Destination } from '../types'

/** Boxed, because an AnalyticsBrowser is a thenable and a promise would unwrap it. */
export interface AnalyticsBox {
  readonly target: AnalyticsLike
}

/** The parts of analytics-next's Context that tell how the Segment.io plugin's delivery went. */
interface ContextLike {
  failedDelivery(): { reason?: unknown } | undefined
  logs(): ReadonlyArray<{ level?: string; message?: string; extras?: unknown }>
}

const isContextLike = (value: unknown): value is ContextLike =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Partial<ContextLike>).failedDelivery === 'function' &&
  typeof (value as Partial<ContextLike>).logs === 'function'

/**
 * Reads analytics-next's own delivery result from what `track()`/`identify()` resolved with: its Context says
 * whether the Segment.io plugin dropped the event (failedDelivery: a 4xx or retries exhausted) or queued it for
 * retry (it logs "Error sending event"). Anything else (a snippet's return value) only says the call was accepted.
 */
function readDelivery(result: unknown): DeliveryResult {
  if (!isContextLike(result)) return { delivered: true }
  const failed = result.failedDelivery()
  if (failed) return { delivered: false, status: 'failed', error: failed.reason }
  const sendError = result.logs().find((log) => log.level === 'error' && log.message === 'Error sending event')
  if (sendError) return { delivered: false, status: 'retrying', error: sendError.extras }
  return { delivered: true, status: 'delivered' }
}

/**
 * A destination over anything with analytics.js's `track`/`identify`. `ready` may still be loading
 * (the lazily imported AnalyticsBrowser): calls are dispatched in order once it resolves.
 * The kit's anonymousId is handed to analytics once per change, so both agree on who the visitor is.
 */
export function analyticsLikeDestination(analytics: AnalyticsLike | Promise<AnalyticsBox>): Destination {
  const ready: Promise<AnalyticsBox> = analytics instanceof Promise ? analytics : Promise.resolve({ target: analytics })
  let anonymousIdSet: string | null = null
  const inFlight = new Set<Promise<unknown>>()

  const dispatch = ({ target }: AnalyticsBox, event: CopilotEvent): unknown => {
    const canSet = typeof target.setAnonymousId === 'function'
    if (canSet && anonymousIdSet !== event.anonymousId) {
      target.setAnonymousId?.(event.anonymousId)
      anonymousIdSet = event.anonymousId
    }
    // the time it happened, not the time it left: events held for consent or loading keep their order in time
    const options = canSet
      ? { timestamp: event.timestamp }
      : { timestamp: event.timestamp, anonymousId: event.anonymousId }
    return event.type === 'track'
      ? target.track(event.event, event.properties, options)
      : target.identify(event.userId ?? undefined, event.traits, options)
  }

  return {
    send(event) {
      // `then` callbacks on one promise run in registration order, so events keep their order
      const dispatched = ready.then((box) => dispatch(box, event))
      inFlight.add(dispatched)
      return dispatched.then(
        (result): DeliveryResult => {
          inFlight.delete(dispatched)
          return readDelivery(result)
        },
        (error: unknown): DeliveryResult => {
          inFlight.delete(dispatched)
          return { delivered: false, error }
        },
      )
    },
    reset() {
      anonymousIdSet = null
      ready.then(({ target }) => target.reset?.()).catch(() => {})
    },
    async flush() {
      await Promise.allSettled([...inFlight])
    },
  }
}
