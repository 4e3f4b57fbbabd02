import { LOCAL_WRITE_KEY } from './constants'
import { analyticsLikeDestination, loadedInstance } from './destinations/analyticsLike'
import { loadSegment } from './destinations/segment'
import { createEngine, type Engine, type EngineParts, failedDestination } from './engine'
import { createReporter, type Reporter } from './reporter'
import type { AnalyticsLike, CopilotAnalyticsOptions } from './types'

/** The redaction rules, loaded for `messageBody: 'redact'` only, so apps that never redact never ship them. */
async function loadRedaction(options: CopilotAnalyticsOptions, reporter: Reporter) {
  if (options.messageBody !== 'redact') return undefined
  try {
    return (await import('./redact')).redact
  } catch (error) {
    reporter.report(
      'createCopilotAnalytics',
      'messageBody',
      'redaction rules did not load; bodies omitted',
      undefined,
      error,
    )
    return undefined
  }
}

/** Where events go, loaded: the app's destination, its analytics instance, or analytics-next from the options. */
async function loadDestination(
  options: CopilotAnalyticsOptions,
  browser: boolean,
  reporter: Reporter,
): Promise<Pick<EngineParts, 'destination' | 'connect'>> {
  const { destination, writeKey, apiHost, cookieIdentity } = options
  if (destination) return { destination }
  // on the server nothing is loaded or sent; the browser's client takes over on hydration
  const analytics = options.analytics ?? (browser ? (window as { analytics?: AnalyticsLike }).analytics : undefined)
  if (options.analytics || (analytics && !writeKey && !apiHost && typeof analytics.track === 'function')) {
    try {
      return { destination: analyticsLikeDestination(await loadedInstance(analytics as AnalyticsLike)) }
    } catch (error) {
      return { destination: failedDestination(reporter, 'analytics', error) }
    }
  }
  if (!browser) return { destination: null }
  if (!writeKey && !apiHost) {
    reporter.report('createCopilotAnalytics', 'writeKey', 'no destination')
    return { destination: null }
  }
  const connect = () =>
    loadSegment({
      writeKey: writeKey || LOCAL_WRITE_KEY,
      apiHost,
      cookieIdentity,
      // the same problem as the client's own storage falling back: one warning for both
      onStorageFallback: (error) => reporter.report('storage', '-', 'memory only', undefined, error),
    }).then(analyticsLikeDestination)
  // nothing is requested from Segment's hosts before consent: with consent pending or denied, the engine loads
  // analytics-next when it is granted
  if ((options.consent ?? 'granted') !== 'granted') return { destination: null, connect }
  try {
    return { destination: await connect() }
  } catch (error) {
    return { destination: failedDestination(reporter, 'destination', error) }
  }
}

/**
 * The engine, once everything it needs is loaded: the redaction rules (`messageBody: 'redact'`), the destination
 * adapter and analytics-next's loaded instance. The client imports this module once, when it is created: it is
 * the one asynchronous boundary between an app's call and the engine (see docs/architecture.md).
 * @param browser whether the client runs in a browser: the client decided it (its storage and `start()` depend on
 *   it), so the engine does not ask again and shares no module with the client for it.
 */
export async function loadEngine(options: CopilotAnalyticsOptions, browser: boolean): Promise<Engine> {
  // here, not in the client: the reporter and the problems' texts load with the engine, not in the first bundle
  const reporter = createReporter(options.onError)
  const [redact, destination] = await Promise.all([
    loadRedaction(options, reporter),
    loadDestination(options, browser, reporter),
  ])
  return createEngine(options, { ...destination, redact, reporter })
}
