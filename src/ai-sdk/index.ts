'use client'
export { MESSAGE_FAILED } from './ChatEvent'
export type { MediaInfo } from './messageParts'
export { mediaOf, messageText } from './messageParts'
export type {
  ChatAnalyticsOptions,
  ChatLike,
  ChatMessageLike,
  ChatPartLike,
  ChatStatusLike,
  CopilotMessageMetadata,
  MessageFailedReason,
  ToolAnalytics,
  ToolCallInfo,
} from './types'
/**
 * copilot-analytics/ai-sdk: automatic instrumentation of the Vercel AI SDK's `useChat`.
 * Imports nothing from `ai` or `@ai-sdk/react` at runtime: it reads what `useChat` returns.
 * The server-side helper `copilotMessageMetadata` is at `copilot-analytics/ai-sdk/server`.
 */
export { useChatAnalytics } from './useChatAnalytics'
