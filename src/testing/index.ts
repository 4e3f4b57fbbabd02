/**
 * copilot-analytics/testing: helpers for testing your instrumentation. An in-memory client, a render helper
 * for @testing-library/react, and event matchers for Vitest and Jest. Never import this from app code.
 */
export { createTestCopilotAnalytics } from './createTestCopilotAnalytics'
export type { TestCopilotAnalytics, TestCopilotAnalyticsOptions } from './createTestCopilotAnalytics'
export { renderWithCopilotAnalytics } from './renderWithCopilotAnalytics'
export type {
  RenderWithCopilotAnalyticsOptions,
  RenderWithCopilotAnalyticsResult,
} from './renderWithCopilotAnalytics'
export { copilotMatchers } from './copilotMatchers'
export type { CopilotMatchers, ExpectedEvent } from './copilotMatchers'
export { trackEventsOf } from './events'
export type { EventQuery, EventSource, TrackedEvent } from './events'
