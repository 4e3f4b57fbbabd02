/**
 * copilot-analytics/devtools: a live inspector of the events your copilot UI sends. Development only
 * (unless forced); the panel is lazy-loaded, so this entry costs almost nothing until it renders.
 */
'use client'

export { CopilotAnalyticsDevtools } from './CopilotAnalyticsDevtools'
export { createEventLog } from './createEventLog'
export type {
  CopilotAnalyticsDevtoolsProps,
  DevtoolsDelivery,
  DevtoolsEntry,
  DevtoolsPosition,
  EventLog,
  EventLogSnapshot,
} from './types'
