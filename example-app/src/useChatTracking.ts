import { useCopilotAnalytics } from 'copilot-analytics'
import { useEffect, useRef } from 'react'
import type { ChatMessage } from './types'

/** What useChat exposes that tracking needs. */
interface ChatLike {
  messages: ChatMessage[]
  status: 'submitted' | 'streaming' | 'ready' | 'error'
}

const textOf = (message: ChatMessage) =>
  message.parts
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join('')
    .trim()

/**
 * Turns useChat's messages into spec events: Message Sent for each user message, and once an answer is
 * complete (never per token) Message Received, Action Invoked for each tool the model called and Media
 * Generated for each generated file. Messages restored from history are not tracked again.
 */
export function useChatTracking(chat: ChatLike): void {
  const client = useCopilotAnalytics()
  const tracked = useRef<Set<string> | null>(null)
  // what was already there on mount (restored history) counts as tracked
  tracked.current ??= new Set(chat.messages.map((m) => m.id))

  const { messages, status } = chat
  useEffect(() => {
    const seen = tracked.current
    if (!seen) return
    messages.forEach((message, index) => {
      if (seen.has(message.id)) return
      if (message.role === 'user') {
        seen.add(message.id)
        client.messageSent({ body: textOf(message), messageId: message.id })
        return
      }
      if (message.role !== 'assistant') return
      const isLast = index === messages.length - 1
      if (isLast && (status === 'streaming' || status === 'submitted')) return
      seen.add(message.id)
      const { model, totalTokens } = message.metadata ?? {}
      client.messageReceived({
        body: textOf(message),
        messageId: message.id,
        ...(model ? { model } : {}),
        ...(totalTokens === undefined ? {} : { total_tokens: totalTokens }),
      })
      for (const part of message.parts) {
        if (part.type.startsWith('tool-') && 'toolCallId' in part && 'input' in part) {
          client.actionInvoked({
            type: part.type.slice('tool-'.length),
            action: JSON.stringify(part.input),
            messageId: message.id,
            role: 'agent',
          })
        } else if (part.type === 'file') {
          const [kind = 'image', sub = 'unknown'] = part.mediaType.split('/')
          client.mediaGenerated({ type: kind, subType: sub, messageId: message.id })
        }
      }
    })
  }, [client, messages, status])
}
