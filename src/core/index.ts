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
export { SPEC_EVENTS, SPEC_IDENTIFY, specEventOf, validateIdentify, validateTrack } from '../spec'
export type { BeforeSend } from './beforeSend'
export { applyBeforeSend } from './beforeSend'
export type { ConsentCategories } from './consentFromCategories'
export { consentFromCategories } from './consentFromCategories'
export { createCopilotAnalytics, LOCAL_WRITE_KEY } from './createCopilotAnalytics'
export type { PlanEvents } from './defineTrackingPlan'
export { defineTrackingPlan } from './defineTrackingPlan'
export { analyticsLikeDestination } from './destinations/analyticsLike'
export type { MemoryDestination } from './destinations/memory'
export { memoryDestination } from './destinations/memory'
export type { SegmentDestinationOptions } from './destinations/segment'
export { parseApiHost, segmentDestination, segmentLoadArguments } from './destinations/segment'
export type { RedactionRule } from './redact'
export { ibanValid, luhnValid, REDACTION_RULES, redact } from './redact'
export { CopilotAnalyticsError } from './reporter'
export type { SampleRates, Sampler } from './sampling'
export { createSampler, UNSAMPLED_EVENTS } from './sampling'
export type { KeyValueStorage } from './storage'
export { createMemoryStorage } from './storage'
export type { ConversationState, CopilotState, IdentityState } from './store'
export { DEFAULT_MAX_EVENT_BYTES, SEGMENT_EVENT_LIMIT_BYTES } from './truncate'
export type {
  ActionInput,
  AnalyticsLike,
  ComponentInput,
  ConsentState,
  CopilotAnalytics,
  CopilotAnalyticsOptions,
  CopilotEvent,
  DeliveryResult,
  DeliveryStatus,
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
export type { EventValidator } from './validateEvent'
export { validateEvent } from './validateEvent'
