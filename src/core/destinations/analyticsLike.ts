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
 * The loaded instance behind `target`: an AnalyticsBrowser that is still loading buffers calls and replays them
 * grouped by method, so the kit waits for the instance it resolves to (`[analytics, context]`) and calls that.
 */
async function loadedTarget({ target }: AnalyticsBox): Promise<AnalyticsBox> {
  const thenable = typeof (target as { then?: unknown }).then === 'function'
  if (!thenable) return { target }
  const loaded: unknown = await (target as unknown as PromiseLike<unknown>)
  const instance = Array.isArray(loaded) ? loaded[0] : loaded
  return { target: (instance as AnalyticsLike | undefined)?.track ? (instance as AnalyticsLike) : target }
}

/** How long a change of user waits for the calls before it to be sent: a stuck destination must not stop the rest. */
const SETTLE_TIMEOUT_MS = 10_000

/** Resolves once every call has settled (its first delivery attempt made), or after SETTLE_TIMEOUT_MS. */
const settled = (calls: Promise<unknown>[]): Promise<unknown> => {
  if (calls.length === 0) return Promise.resolve()
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

/**
 * A destination over anything with analytics.js's `track`/`identify`. `analytics` may still be loading (the lazily
 * imported AnalyticsBrowser, or an app's own AnalyticsBrowser): calls are handed to the loaded instance, one at a
 * time in the app's order, each with the identity the visitor had when the app made it (see `dispatch`).
 */
export function analyticsLikeDestination(analytics: AnalyticsLike | Promise<AnalyticsBox>): Destination {
  const ready: Promise<AnalyticsBox> = (
    analytics instanceof Promise ? analytics : Promise.resolve({ target: analytics })
  ).then(loadedTarget)
  // every call waits for the one before it: the app's order, whatever each call awaits
  let tail: Promise<unknown> = ready
  // what analytics-next was handed under the current userId and has not settled yet (each leaves when it settles,
  // so a long session without a sign-in holds nothing), and that userId
  const unsent = new Set<Promise<unknown>>()
  let userId: string | null | undefined
  let anonymousIdSet: string | null = null
  const inFlight = new Set<Promise<unknown>>()

  /**
   * analytics-next stamps identity twice: from its user when the call is made, and again when the Segment.io plugin
   * sends (`userId || user.id()`), a tick or a retry later. So its user is set to the event's identity before each
   * call, and when the userId changes, the calls made under the old one are sent first: an anonymous event never
   * leaves with a userId set after it.
   */
  const dispatch = async ({ target }: AnalyticsBox, event: CopilotEvent): Promise<{ result: unknown }> => {
    if (event.userId !== userId) {
      await settled([...unsent])
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
    if (typeof target.setAnonymousId === 'function' && anonymousIdSet !== event.anonymousId) {
      target.setAnonymousId(event.anonymousId)
      anonymousIdSet = event.anonymousId
    }
    // the time it happened, not the time it left: events held for consent or loading keep their order in time
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
    // boxed: the next call waits for this one to be handed over, not delivered
    return { result }
  }

  return {
    send(event) {
      const handed = tail.then(() => ready).then((box) => dispatch(box, event))
      tail = handed.catch(() => {})
      const delivered = handed.then(({ result }) => result)
      inFlight.add(delivered)
      return delivered.then(
        (result): DeliveryResult => {
          inFlight.delete(delivered)
          return readDelivery(result)
        },
        (error: unknown): DeliveryResult => {
          inFlight.delete(delivered)
          return { delivered: false, error }
        },
      )
    },
    reset() {
      // in order with the calls: those made before the reset keep the identity they were made with
      tail = tail
        .then(() => ready)
        .then(({ target }) => {
          anonymousIdSet = null
          userId = undefined
          target.reset?.()
        })
        .catch(() => {})
    },
    async flush() {
      await Promise.allSettled([...inFlight])
    },
  }
}
