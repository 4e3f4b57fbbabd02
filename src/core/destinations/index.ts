/**
 * copilot-analytics/destinations: the adapters the client loads on first use (analytics-next, anything with
 * track/identify), for apps that build their own destination. Kept out of `copilot-analytics` and
 * `copilot-analytics/core` so that their bundles leave this code to a chunk of its own.
 */
export { DEFAULT_MAX_EVENT_BYTES, LOCAL_WRITE_KEY, SEGMENT_EVENT_LIMIT_BYTES } from '../constants'
export { analyticsLikeDestination } from './analyticsLike'
export type { MemoryDestination } from './memory'
export { memoryDestination } from './memory'
export type { SegmentDestinationOptions } from './segment'
export { parseApiHost, segmentDestination, segmentLoadArguments } from './segment'
