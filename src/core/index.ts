export { createCopilotAnalytics, LOCAL_WRITE_KEY } from './createCopilotAnalytics'
export { memoryDestination } from './destinations/memory'
export type { MemoryDestination } from './destinations/memory'
export { analyticsLikeDestination } from './destinations/analyticsLike'
export { segmentDestination, segmentLoadArguments, parseApiHost } from './destinations/segment'
export type { SegmentDestinationOptions } from './destinations/segment'
export { createMemoryStorage } from './storage'
export type { KeyValueStorage } from './storage'
export { CopilotAnalyticsError } from './reporter'
export { redact, REDACTION_RULES } from './redact'
export type { RedactionRule } from './redact'
export { DEFAULT_MAX_EVENT_BYTES, SEGMENT_EVENT_LIMIT_BYTES } from './truncate'
export type { CopilotState, IdentityState, ConversationState } from './store'
export type {
  ActionInput,
  AnalyticsLike,
  ComponentInput,
  ConsentState,
  CopilotAnalytics,
  CopilotAnalyticsOptions,
  CopilotEvent,
  DeliveryResult,
  Destination,
  EventRecord,
  EventStatus,
  ExtraProperties,
  FeedbackInput,
  MediaInput,
  MessageBodyMode,
  MessageInput,
  Rating,
} from './types'
export { SPEC_EVENTS, SPEC_IDENTIFY, validateTrack, validateIdentify, specEventOf } from '../spec'
export type {
  CopilotCustomEvents,
  KnownEvents,
  SpecEvent,
  SpecEventName,
  SpecProblem,
  SpecProperty,
  SpecTrackProperties,
  SpecWireProperties,
} from '../spec'
