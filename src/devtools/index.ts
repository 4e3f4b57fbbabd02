/**
 * copilot-analytics/devtools: a live inspector of the events your copilot UI sends. Development only
 * (unless forced); the panel is lazy-loaded, so this entry costs almost nothing until it renders.
 */
'use client'

export type { CopilotAnalyticsDevtoolsProps, DevtoolsPosition } from './CopilotAnalyticsDevtools'
export { CopilotAnalyticsDevtools } from './CopilotAnalyticsDevtools'
export type { DevtoolsDelivery, DevtoolsEntry, EventLog, EventLogSnapshot } from './createEventLog'
export { createEventLog } from './createEventLog'
