import type { AnalyticsLike, CopilotEvent, DeliveryResult, Destination } from '../types'

/** Boxed, because an AnalyticsBrowser is a thenable and a promise would unwrap it. */
export interface AnalyticsBox {
  readonly target: AnalyticsLike
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
    const options = canSet ? undefined : { anonymousId: event.anonymousId }
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
        (): DeliveryResult => {
          inFlight.delete(dispatched)
          return { delivered: true }
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
