import type { AnalyticsLike, CopilotEvent, DeliveryResult, Destination } from '../types'

/** The parts of analytics-next's Context that tell how the Segment.io plugin's delivery went. */
interface ContextLike {
  failedDelivery(): { reason?: unknown } | undefined
  logs(): ReadonlyArray<{ level?: string; message?: string; extras?: unknown }>
}

/** analytics-next's user, as far as the kit sets it: `id(value)` sets, `id()` reads. */
interface UserLike {
  id(value?: string | null): string | null | undefined
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
 * The loaded instance an AnalyticsBrowser resolves to (`[analytics, context]`), or `analytics` itself when it is
 * not a thenable (`window.analytics`, a loaded instance, a test double). Calling a loading AnalyticsBrowser
 * buffers calls and replays them grouped by method, so the kit waits for the instance and calls that.
 * @internal
 */
export async function loadedInstance(analytics: AnalyticsLike): Promise<AnalyticsLike> {
  if (typeof (analytics as { then?: unknown }).then !== 'function') return analytics
  const loaded: unknown = await (analytics as unknown as PromiseLike<unknown>)
  const instance = Array.isArray(loaded) ? loaded[0] : loaded
  return (instance as AnalyticsLike | undefined)?.track ? (instance as AnalyticsLike) : analytics
}

/** How long a change of user waits for the calls before it to be sent: a stuck destination must not stop the rest. */
const SETTLE_TIMEOUT_MS = 10_000

/** Resolves once every call has settled (its first delivery attempt made), or after SETTLE_TIMEOUT_MS. */
const settled = (calls: Promise<unknown>[]): Promise<unknown> => {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise((resolve) => {
    timer = setTimeout(resolve, SETTLE_TIMEOUT_MS)
  })
  return Promise.race([Promise.allSettled(calls), timeout]).finally(() => clearTimeout(timer))
}

const userOf = (target: AnalyticsLike): UserLike | undefined => {
  const user = (target as { user?: () => unknown }).user
  const value = typeof user === 'function' ? user.call(target) : undefined
  return typeof (value as Partial<UserLike> | undefined)?.id === 'function' ? (value as UserLike) : undefined
}

const ignore = () => {}

/**
 * A destination over a loaded analytics.js-like instance (`track`/`identify`): each event is called on it at once,
 * in the app's order, with the identity the visitor had when the app made the call. The one wait is a change of
 * user: analytics-next stamps identity twice (from its user when called, and again when the Segment.io plugin
 * sends, `userId || user.id()`, a tick or a retry later), so the calls made under the old userId are sent before
 * its user changes, and the calls after wait for that (in order). An AnalyticsBrowser that is still loading is
 * called as it is (it buffers): give the client's `analytics` option instead, which waits for the instance.
 */
export function analyticsLikeDestination(target: AnalyticsLike): Destination {
  // what analytics-next was given under the current userId and has not settled yet (each leaves when it settles,
  // so a long session without a sign-in holds nothing), and that userId
  const unsent = new Set<Promise<unknown>>()
  let userId: string | null | undefined
  let anonymousIdSet: string | null = null
  // set while a change of user waits for the calls before it: every later call waits behind it, in order
  let waiting: Promise<void> | undefined
  const inFlight = new Set<Promise<unknown>>()

  /** Sets analytics-next's user to the event's, if it changed. */
  const become = (event: CopilotEvent) => {
    if (event.userId === userId) return
    userId = event.userId
    try {
      const user = userOf(target)
      if (user && (user.id() ?? null) !== event.userId) {
        user.id(event.userId)
        anonymousIdSet = null // analytics-next forgets the anonymousId when one user follows another
      }
    } catch {
      // a user that cannot be set (its storage unusable): the call still goes out, its identity in the options
    }
  }

  /** Calls track or identify now, with the event's identity and time; returns what analytics-next returned. */
  const call = (event: CopilotEvent): unknown => {
    become(event)
    if (typeof target.setAnonymousId === 'function' && anonymousIdSet !== event.anonymousId) {
      target.setAnonymousId(event.anonymousId)
      anonymousIdSet = event.anonymousId
    }
    // the time it happened, not the time it left: events held for consent keep their order in time
    const options = {
      timestamp: event.timestamp,
      anonymousId: event.anonymousId,
      ...(event.userId === null ? {} : { userId: event.userId }),
    }
    const result =
      event.type === 'track'
        ? target.track(event.event, event.properties, options)
        : target.identify(event.userId ?? undefined, event.traits, options)
    const pending = Promise.resolve(result)
    unsent.add(pending)
    const leave = () => unsent.delete(pending)
    pending.then(leave, leave)
    return result
  }

  /** Runs `step` after the calls waiting before it; the next ones wait for it in turn. */
  const after = <T>(step: () => T | PromiseLike<T>): Promise<T> => {
    const done = (waiting ?? Promise.resolve()).then(step)
    const next = done.then(ignore, ignore)
    waiting = next
    next.then(() => {
      if (waiting === next) waiting = undefined
    })
    return done
  }

  return {
    send(event) {
      let result: unknown
      try {
        if (waiting || (event.userId !== userId && unsent.size > 0)) {
          // boxed: the next call waits for this one to be made, not for analytics-next's promise of its delivery
          result = after(async () => {
            if (event.userId !== userId && unsent.size > 0) await settled([...unsent])
            return { made: call(event) }
          }).then(({ made }) => made)
        } else result = call(event)
      } catch (error) {
        return Promise.resolve({ delivered: false, error })
      }
      // never rejects: a failed call, or a Context that cannot be read, is a verdict
      const delivered = Promise.resolve(result)
        .then(readDelivery)
        .catch((error: unknown): DeliveryResult => ({ delivered: false, error }))
      inFlight.add(delivered)
      delivered.then(() => inFlight.delete(delivered))
      return delivered
    },
    reset() {
      // in order with the calls: those made before the reset keep the identity they were made with
      const forget = () => {
        anonymousIdSet = null
        userId = undefined
        target.reset?.()
      }
      if (waiting) after(forget).catch(ignore)
      else forget()
    },
    async flush() {
      await waiting
      await Promise.allSettled([...inFlight])
    },
  }
}
