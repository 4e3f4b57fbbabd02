import { v7 as uuidv7 } from 'uuid'
import type { MessageInput } from '../core/types'
import { copilotMessageMetadata, type MetadataStreamPart } from './copilotMessageMetadata'
import { isWaitingForTool, messageText } from './messageParts'
import type { ChatMessageLike, CopilotMessageMetadata } from './types'

/** What {@link trackMessageReceived} needs of a tracker: `forRequest(...)` from `copilot-analytics/server` fits. */
export interface MessageReceivedTracker {
  messageReceived(input: MessageInput): string
}

/** The `toUIMessageStreamResponse` / `toUIMessageStream` options it returns; spread them with your own. */
export interface MessageReceivedStreamOptions {
  /** The answer's ID, minted on the server (uuid v7) so the browser's message and the server's event share it. */
  generateMessageId: () => string
  /** {@link copilotMessageMetadata}: the browser sees the model, usage and finish reason too. */
  messageMetadata: (options: { part: MetadataStreamPart }) => CopilotMessageMetadata | undefined
  /** Sends Message Received once the answer is complete (`onFinish` for ai 6, `onEnd` for ai 7; sent once). */
  onFinish: (event: { responseMessage: ChatMessageLike; isAborted?: boolean }) => void
  onEnd: (event: { responseMessage: ChatMessageLike; isAborted?: boolean }) => void
}

/**
 * Message Received from the server in one line: the answer's text, model, token usage, finish reason and latency,
 * with the AI SDK message ID the browser shows (so Feedback Submitted joins it). Tell `useChatAnalytics` with
 * `messageReceivedFrom: 'server'` so the browser does not send it again.
 *
 * ```ts
 * const tracker = copilot.forRequest(request)
 * const result = streamText({ model, messages: await convertToModelMessages(messages) })
 * return result.toUIMessageStreamResponse({ originalMessages: messages, ...trackMessageReceived(tracker, { messages }) })
 * ```
 * Nothing is sent for an aborted stream, an answer waiting for a client-side tool (its continuation sends it), or
 * an answer without text (tools and components have their own events). Never throws.
 * @param options.messages the request's UI messages: the last user message becomes `reply_to_message_id`
 */
export function trackMessageReceived(
  tracker: MessageReceivedTracker,
  options: { messages?: readonly ChatMessageLike[]; role?: string } = {},
): MessageReceivedStreamOptions {
  const startedAt = Date.now()
  let seen: CopilotMessageMetadata = {}
  let sent = false
  const replyTo = [...(options.messages ?? [])].reverse().find((message) => message?.role === 'user')?.id
  const finish = ({ responseMessage, isAborted }: { responseMessage: ChatMessageLike; isAborted?: boolean }) => {
    try {
      if (sent || isAborted || !responseMessage || isWaitingForTool(responseMessage)) return
      const body = messageText(responseMessage)
      if (body === '') return
      sent = true
      const { model, finishReason, usage } = seen
      tracker.messageReceived({
        body,
        messageId: responseMessage.id,
        latency_ms: Date.now() - startedAt,
        ...(model ? { model } : {}),
        ...(finishReason ? { finish_reason: finishReason } : {}),
        ...(usage
          ? {
              usage: {
                input_tokens: usage.inputTokens,
                output_tokens: usage.outputTokens,
                total_tokens: usage.totalTokens,
              },
            }
          : {}),
        ...(replyTo ? { reply_to_message_id: replyTo } : {}),
        ...(options.role ? { role: options.role } : {}),
      })
    } catch (error) {
      console.warn('[copilot-analytics] trackMessageReceived: Message Received could not be sent', error)
    }
  }
  return {
    generateMessageId: () => uuidv7(),
    messageMetadata(input) {
      const metadata = copilotMessageMetadata(input)
      if (metadata) seen = { ...seen, ...metadata }
      return metadata
    },
    onFinish: finish,
    onEnd: finish,
  }
}
