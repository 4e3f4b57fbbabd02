'use client'
/**
 * copilot-analytics/devtools: a live inspector of the events your copilot UI sends. Development only
 * (unless forced); the panel is lazy-loaded, so this entry costs almost nothing until it renders.
 */
export { CopilotAnalyticsDevtools } from './CopilotAnalyticsDevtools'
export type { CopilotAnalyticsDevtoolsProps, DevtoolsPosition } from './CopilotAnalyticsDevtools'
export { createEventLog } from './createEventLog'
export type { DevtoolsDelivery, DevtoolsEntry, EventLog, EventLogSnapshot } from './createEventLog'
