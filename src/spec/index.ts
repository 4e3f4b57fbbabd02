export type { SpecEvent, SpecEventName, SpecProperty, SpecPropertyType } from './table'
export { ENRICHED_PROPERTIES, LEGACY_EVENT_NAMES, SPEC_EVENTS, SPEC_IDENTIFY, specEventOf } from './table'
export type {
  CopilotCustomEvents,
  KnownEvents,
  SpecTrackEvents,
  SpecTrackProperties,
  SpecWireProperties,
  TrackArgs,
  UntypedProperties,
} from './types'
export type { SpecProblem, ValidateOptions } from './validate'
export { hasErrors, validateIdentify, validateTrack } from './validate'
