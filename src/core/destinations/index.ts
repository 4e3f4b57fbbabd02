/**
 * copilot-analytics/destinations: the adapters the client's engine uses (analytics-next, anything with
 * track/identify), for apps that build their own destination. Kept out of `copilot-analytics` and
 * `copilot-analytics/core` so that their first bundles leave this code to the engine's chunk.
 * `parseApiHost` and `segmentLoadArguments` are internal (tests and benchmarks use them), not API.
 */
export { DEFAULT_MAX_EVENT_BYTES, LOCAL_WRITE_KEY, SEGMENT_EVENT_LIMIT_BYTES } from '../constants'
export { analyticsLikeDestination } from './analyticsLike'
export type { MemoryDestination } from './memory'
export { memoryDestination } from './memory'
export type { SegmentDestinationOptions } from './segment'
export { parseApiHost, segmentDestination, segmentLoadArguments } from './segment'
