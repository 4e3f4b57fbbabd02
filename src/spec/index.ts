export { SPEC_EVENTS, SPEC_IDENTIFY, ENRICHED_PROPERTIES, LEGACY_EVENT_NAMES, specEventOf } from './table'
export type { SpecEvent, SpecEventName, SpecProperty, SpecPropertyType } from './table'
export { validateTrack, validateIdentify } from './validate'
export type { SpecProblem, ValidateOptions } from './validate'
export type {
  CopilotCustomEvents,
  KnownEvents,
  SpecTrackEvents,
  SpecTrackProperties,
  SpecWireProperties,
  TrackArgs,
  UntypedProperties,
} from './types'
