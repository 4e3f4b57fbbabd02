import type { AnalyticsLike, DeliveryResult, Destination } from '../types'
import { analyticsLikeDestination } from './analyticsLike'

/** Options of {@link segmentDestination}. */
export interface SegmentDestinationOptions {
  /** Segment write key (any key for the local collector). */
  writeKey: string
  /** e.g. `'http://127.0.0.1:7463/v1'`: settings, events and metrics all go there. */
  apiHost?: string | undefined
  /** Keep analytics-next's cookie identity (slower; only for identity shared across subdomains). */
  cookieIdentity?: boolean | undefined
  /** Called (once) when localStorage takes no write and analytics-next is kept in memory instead. */
  onStorageFallback?: ((error: unknown) => void) | undefined
}

/**
 * @internal
 * Splits `http://127.0.0.1:7463/v1` into analytics-next's `{ protocol: 'http', apiHost: '127.0.0.1:7463/v1' }`.
 * A path alone (`/api/events/v1`, a proxy from `createEventsProxy`) means this page's origin.
 */
export function parseApiHost(apiHost: string): { protocol: 'http' | 'https'; host: string } {
  const path = apiHost.trim()
  if (path.startsWith('/') && !path.startsWith('//') && typeof location !== 'undefined') {
    return {
      protocol: location.protocol === 'http:' ? 'http' : 'https',
      host: location.host + path.replace(/\/+$/, ''),
    }
  }
  const match = /^(https?):\/\/(.+?)\/*$/i.exec(apiHost.trim())
  if (match) return { protocol: match[1]?.toLowerCase() === 'http' ? 'http' : 'https', host: match[2] ?? '' }
  return { protocol: 'https', host: apiHost.trim().replace(/\/+$/, '') }
}

/** @internal analytics-next's load arguments for these options: with `apiHost`, no request goes to Segment's hosts. */
export function segmentLoadArguments(options: SegmentDestinationOptions) {
  const { writeKey, apiHost, cookieIdentity } = options
  const storage = cookieIdentity ? {} : { storage: { stores: ['localStorage' as const, 'memory' as const] } }
  if (!apiHost) return { settings: { writeKey }, init: storage }
  const { protocol, host } = parseApiHost(apiHost)
  const segmentIo = { apiHost: host, protocol }
  return {
    settings: {
      writeKey,
      // given settings mean no fetch from Segment's CDN; metrics go to the same host
      cdnSettings: {
        integrations: { 'Segment.io': { apiKey: writeKey, ...segmentIo } },
        metrics: { host, protocol },
      },
    },
    init: { ...storage, integrations: { 'Segment.io': segmentIo } },
  }
}

/**
 * Imports `AnalyticsBrowser` from @segment/analytics-next (a peer dependency, imported only here, so server
 * rendering and apps without it never load it), loads it with the kit's settings and resolves with the loaded
 * instance. Loading it sends what an earlier page left in its persisted retry queue.
 * @internal
 */
export async function loadSegment(options: SegmentDestinationOptions): Promise<AnalyticsLike> {
  const { AnalyticsBrowser } = await import('@segment/analytics-next')
  const { settings, init } = segmentLoadArguments(options)
  // a full or blocked localStorage makes analytics-next's persisted queue throw while it loads, and then no event
  // is sent: in memory instead, its identity and retry queue last as long as the page does
  const unwritable = localStorageError()
  if (unwritable !== undefined) options.onStorageFallback?.(unwritable)
  const [analytics] = await AnalyticsBrowser.load(
    settings,
    unwritable === undefined ? init : { ...init, disableClientPersistence: true },
  )
  return analytics as unknown as AnalyticsLike
}

const ignore = () => {}

/**
 * A destination through @segment/analytics-next, for apps that build their own (the client's `writeKey` and
 * `apiHost` options do this for you, and wait for analytics-next before the first event). analytics-next is
 * loaded on the first event, or at `resume()` when an earlier page left events in its retry queue; calls made
 * while it loads are made in order once it is here.
 */
export function segmentDestination(options: SegmentDestinationOptions): Destination {
  let loaded: Promise<Destination> | undefined
  const destination = () => (loaded ??= loadSegment(options).then(analyticsLikeDestination))
  return {
    send: (event) =>
      destination().then(
        (inner) => inner.send(event),
        (error: unknown): DeliveryResult => ({ delivered: false, error }),
      ),
    reset: (anonymousId) => void destination().then((inner) => inner.reset?.(anonymousId), ignore),
    flush: () => (loaded ? loaded.then((inner) => inner.flush?.(), ignore) : Promise.resolve()),
    resume: () => {
      if (hasPersistedQueue(options.writeKey)) destination().catch(ignore)
    },
  }
}

/**
 * Why localStorage takes no write (full: QuotaExceededError, blocked, absent), or undefined when it does. The
 * probe is about as large as analytics-next's first write (its queue's lock), and removed at once.
 */
function localStorageError(): unknown {
  try {
    const key = 'copilot-analytics:probe'
    localStorage.setItem(key, String(Date.now()))
    localStorage.removeItem(key)
  } catch (error) {
    return error ?? new Error('localStorage is unusable')
  }
}

/** Whether analytics-next left events for this write key in localStorage (`persisted-queue:v1:<key>:...:items`). */
function hasPersistedQueue(writeKey: string): boolean {
  try {
    const prefix = `persisted-queue:v1:${writeKey}:`
    for (let index = 0; index < localStorage.length; index++) {
      const key = localStorage.key(index)
      if (key?.startsWith(prefix) && key.endsWith(':items') && (localStorage.getItem(key) ?? '[]') !== '[]') return true
    }
  } catch {
    // storage blocked: analytics-next could not have persisted anything either
  }
  return false
}
