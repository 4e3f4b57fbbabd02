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
export { hasErrors, SPEC_EVENTS, SPEC_IDENTIFY, specEventOf, validateIdentify, validateTrack } from '../spec'
export { CopilotAnalyticsError } from './CopilotAnalyticsError'
export type { ConsentCategories } from './consentFromCategories'
export { consentFromCategories } from './consentFromCategories'
export { COPILOT_HEADER, copilotHeaders } from './copilotHeaders'
export { createCopilotAnalytics } from './createCopilotAnalytics'
export type { PlanEvents } from './defineTrackingPlan'
export { defineTrackingPlan } from './defineTrackingPlan'
export type { MemoryDestination } from './destinations/memory'
export { memoryDestination } from './destinations/memory'
export { createMemoryStorage } from './storage'
export type { CopilotCookieOptions } from './syncCopilotCookie'
export { COPILOT_COOKIE, syncCopilotCookie } from './syncCopilotCookie'
export type {
  ActionInput,
  AnalyticsLike,
  BeforeSend,
  ComponentInput,
  ConsentState,
  ConversationState,
  CopilotAnalytics,
  CopilotAnalyticsOptions,
  CopilotEvent,
  CopilotState,
  DeliveryResult,
  DeliveryStatus,
  Destination,
  EventRecord,
  EventStatus,
  EventValidator,
  ExtraProperties,
  FeedbackInput,
  IdentityState,
  KeyValueStorage,
  MediaInput,
  MessageBodyMode,
  MessageInput,
  Rating,
  SampleRates,
} from './types'
export { validateEvent } from './validateEvent'
