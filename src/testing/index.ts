/**
 * copilot-analytics/testing: helpers for testing your instrumentation. An in-memory client, a render helper
 * for @testing-library/react, and event matchers for Vitest and Jest. Never import this from app code.
 */

export type { CopilotMatchers, ExpectedEvent } from './copilotMatchers'
export { copilotMatchers } from './copilotMatchers'
export type { TestCopilotAnalytics, TestCopilotAnalyticsOptions } from './createTestCopilotAnalytics'
export { createTestCopilotAnalytics } from './createTestCopilotAnalytics'
export type { EventQuery, EventSource, TrackedEvent } from './events'
export { trackEventsOf } from './events'
export type {
  RenderWithCopilotAnalyticsOptions,
  RenderWithCopilotAnalyticsResult,
} from './renderWithCopilotAnalytics'
export { renderWithCopilotAnalytics } from './renderWithCopilotAnalytics'
