/**
 * copilot-analytics/server: the server half (Node and edge runtimes only; imports nothing from React).
 * `createServerAnalytics` tracks from route handlers and server actions as the browser's visitor and
 * conversation; `createEventsProxy` forwards the browser's events to Segment through the app's own origin.
 */
export { COPILOT_HEADER } from '../core/copilotHeaders'
export { COPILOT_COOKIE } from '../core/syncCopilotCookie'
export type { AnalyticsNodeLike } from './analyticsNodeDestination'
export { analyticsNodeDestination } from './analyticsNodeDestination'
export type { EventsProxyOptions } from './createEventsProxy'
export { createEventsProxy } from './createEventsProxy'
export type { ProfileReader, ProfileReaderOptions, ProfileWho } from './createProfileReader'
export { createProfileReader } from './createProfileReader'
export type { ForRequestOptions, ServerAnalytics, ServerAnalyticsOptions, ServerTracker } from './createServerAnalytics'
export { createServerAnalytics } from './createServerAnalytics'
export type { CopilotRequestContext, HeadersSource } from './readCopilotContext'
export { readCopilotContext } from './readCopilotContext'
