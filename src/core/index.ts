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
export type { BeforeSend } from './beforeSend'
export { CopilotAnalyticsError } from './CopilotAnalyticsError'
export type { ConsentCategories } from './consentFromCategories'
export { consentFromCategories } from './consentFromCategories'
export { COPILOT_HEADER, copilotHeaders } from './copilotHeaders'
export { createCopilotAnalytics } from './createCopilotAnalytics'
export type { PlanEvents } from './defineTrackingPlan'
export { defineTrackingPlan } from './defineTrackingPlan'
export type { MemoryDestination } from './destinations/memory'
export { memoryDestination } from './destinations/memory'
export type { SampleRates, Sampler } from './sampling'
export type { KeyValueStorage } from './storage'
export { createMemoryStorage } from './storage'
export type { ConversationState, CopilotState, IdentityState } from './store'
export type { CopilotCookieOptions } from './syncCopilotCookie'
export { COPILOT_COOKIE, syncCopilotCookie } from './syncCopilotCookie'
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
