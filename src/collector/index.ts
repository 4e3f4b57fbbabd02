/// <reference types="node" />
export {
  type AggregationTrait,
  COPILOT_TRAITS,
  type ComputedTrait,
  type CounterTrait,
  parseComputedTraits,
  type TraitConditions,
  type ValueTrait,
} from './computedTraits'
export { createCollector, DEFAULT_DB } from './createCollector'
export type { ForwarderState, ForwardOptions, SetAsideEvent } from './createForwarder'
export { type ExportFormat, type ExportOptions, type ExportResult, exportEvents } from './exportEvents'
export { type FetchHandler, toFetchHandler, withBasePath } from './fetchHandler'
export { MAX_BATCH_BYTES } from './handleTracking'
export { type CollectorConfig, loadCollectorConfig } from './loadCollectorConfig'
export type { ProfileSummary } from './profiles'
export { MAX_EVENT_BYTES } from './segmentCall'
export { DEFAULT_PORT, startCollector } from './startCollector'
export type {
  Collector,
  CollectorOptions,
  EventRow,
  RunningCollector,
  StartCollectorOptions,
  Verdict,
  VerdictProblem,
} from './types'
