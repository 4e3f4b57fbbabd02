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
export { createCollector } from './createCollector'
export type { ForwarderState, ForwardOptions, SetAsideEvent } from './createForwarder'
export { type ExportFormat, type ExportOptions, type ExportResult, exportEvents } from './exportEvents'
export { type FetchHandler, withBasePath } from './fetchHandler'
export type { CollectorConfig } from './loadCollectorConfig'
export type { ProfileSummary } from './profiles'
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
