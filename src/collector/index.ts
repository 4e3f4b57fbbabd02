/// <reference types="node" />
export { createCollector, DEFAULT_DB } from './createCollector'
export { startCollector, DEFAULT_PORT } from './startCollector'
export { CONVERSATIONS_SQL } from './handleReadApi'
export { EVENTS_TABLE_SQL, EVENT_COLUMNS } from './schema'
export { MAX_EVENT_BYTES } from './segmentCall'
export { MAX_BATCH_BYTES } from './handleTracking'
export { verdictOf } from './verdictOf'
export type {
  Collector,
  CollectorOptions,
  EventRow,
  RunningCollector,
  StartCollectorOptions,
  Verdict,
  VerdictProblem,
} from './types'
