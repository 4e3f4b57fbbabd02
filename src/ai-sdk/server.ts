/**
 * copilot-analytics/ai-sdk/server: the server half of the AI SDK instrumentation. No "use client" here, so a
 * route handler or server action can call it.
 */

export type { MetadataStreamPart } from './copilotMessageMetadata'
export { copilotMessageMetadata } from './copilotMessageMetadata'
export type { MessageReceivedStreamOptions, MessageReceivedTracker } from './trackMessageReceived'
export { trackMessageReceived } from './trackMessageReceived'
export type { CopilotMessageMetadata } from './types'
