import { v7 as uuidv7 } from 'uuid'
import type { CopilotEvent, DeliveryResult, Destination } from '../core/types'

/** The part of `@segment/analytics-node`'s `Analytics` the destination uses (a structural type: no import). */
export interface AnalyticsNodeLike {
  track(params: Record<string, unknown>, callback?: (error?: unknown) => void): void
  identify(params: Record<string, unknown>, callback?: (error?: unknown) => void): void
  flush(options?: { timeout?: number }): Promise<void>
}

/**
 * A destination over an `@segment/analytics-node` instance: each event keeps the identity and time it had when
 * the app made the call, and an envelope `messageId` (uuid v7, time-ordered) that Segment and the collector
 * de-duplicate on. The delivery settles with analytics-node's own verdict (its callback, after the batch went out).
 */
export function analyticsNodeDestination(analytics: AnalyticsNodeLike): Destination {
  let flushing: Promise<void> = Promise.resolve()
  return {
    send(event: CopilotEvent) {
      return new Promise<DeliveryResult>((resolve) => {
        const params = {
          ...(event.userId ? { userId: event.userId } : {}),
          anonymousId: event.anonymousId,
          timestamp: new Date(event.timestamp),
          // analytics-node mints `node-next-<ms>-<uuid v4>` only when none is given: this one replaces it, once
          messageId: uuidv7(),
        }
        const done = (error?: unknown) =>
          resolve(error ? { delivered: false, status: 'failed', error } : { delivered: true, status: 'delivered' })
        try {
          if (event.type === 'track')
            analytics.track({ ...params, event: event.event, properties: event.properties }, done)
          else analytics.identify({ ...params, traits: event.traits }, done)
        } catch (error) {
          done(error)
        }
      })
    },
    flush() {
      // analytics-node ignores a flush that overlaps another (it warns and returns at once): one after the other
      flushing = flushing.then(() => analytics.flush().catch(() => {}))
      return flushing
    },
  }
}
