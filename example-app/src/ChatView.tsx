import { useChat } from '@ai-sdk/react'
import { DefaultChatTransport } from 'ai'
import { copilotHeaders, useCopilotAnalytics } from 'copilot-analytics'
import { type ChatAnalyticsOptions, useChatAnalytics } from 'copilot-analytics/ai-sdk'
import { useCallback, useEffect, useRef, useState } from 'react'
import { Composer } from './Composer'
import { type ConversationEntry, loadMessages, saveConversation } from './conversations'
import { MessageView } from './MessageView'
import type { ChatMessage } from './types'

/**
 * How each tool call is reported (Action Invoked). The components rendered for the results send their own
 * Component Loaded with useComponentTracking, so they are tracked wherever they are rendered.
 */
const ANALYTICS: ChatAnalyticsOptions = {
  tools: {
    showStockPrice: { type: 'Stock Price Lookup', action: ({ input }) => `price of ${symbolOf(input)}` },
    showStocks: { type: 'Stock List Lookup', action: () => 'list stocks' },
    showStockPurchase: {
      type: 'Stock Purchase Form',
      action: ({ input }) => `prepare purchase of ${sharesOf(input)} ${symbolOf(input)}`,
    },
  },
}

const symbolOf = (input: unknown) => String((input as { symbol?: unknown } | null)?.symbol ?? '?')
const sharesOf = (input: unknown) => String((input as { numberOfShares?: unknown } | null)?.numberOfShares ?? '?')

const SUGGESTIONS = [
  "What's the price of NVDA?",
  'Show me trending stocks',
  'Buy 10 AAPL',
  "Draw a card of today's movers",
]

/** One conversation: useChat against `/api/chat`, instrumented, and kept in the local history. */
export function ChatView({
  conversationId,
  onSaved,
}: {
  conversationId: string
  onSaved(list: ConversationEntry[]): void
}) {
  const [initial] = useState(() => loadMessages(conversationId))
  const client = useCopilotAnalytics()
  // the visitor, conversation and consent travel with each request: the server reads this user's profile with them
  const [transport] = useState(
    () => new DefaultChatTransport<ChatMessage>({ api: '/api/chat', headers: () => copilotHeaders(client) }),
  )
  const chat = useChat<ChatMessage>({ id: conversationId, messages: initial, transport })
  // one line instruments the whole chat: messages, tool calls, generated media
  useChatAnalytics(chat, ANALYTICS)

  const { messages, status, sendMessage, error } = chat
  const busy = status === 'submitted' || status === 'streaming'

  // kept as soon as the question is asked (not only once answered): a reload mid-answer still shows it
  useEffect(() => {
    if (status !== 'streaming' && messages.length > 0) onSaved(saveConversation(conversationId, messages))
  }, [status, messages, conversationId, onSaved])

  // keep the newest message in view while it streams in
  const end = useRef<HTMLDivElement>(null)
  const lastLength = JSON.stringify(messages.at(-1)?.parts ?? []).length
  useEffect(() => {
    if (lastLength > 0) end.current?.scrollIntoView({ block: 'end' })
  }, [lastLength])

  const ask = useCallback((text: string) => void sendMessage({ text }), [sendMessage])

  return (
    <main className="chat">
      <div className="messages" aria-live="polite">
        {messages.length === 0 ? (
          <div className="welcome">
            <h1>Stocks copilot</h1>
            <p className="muted">
              Ask about stocks: prices come with a chart, lists of stocks, and purchase forms. Every interaction is
              tracked with Segment's AI Copilot spec and lands in the <a href="/collector">collector</a>; see the
              numbers in <a href="/insights">Insights</a>.
            </p>
            <div className="suggestions">
              {SUGGESTIONS.map((text) => (
                <button key={text} type="button" onClick={() => ask(text)}>
                  {text}
                </button>
              ))}
            </div>
          </div>
        ) : (
          messages.map((message, index) => (
            <MessageView
              key={message.id}
              message={message}
              complete={!(busy && index === messages.length - 1)}
              onAsk={ask}
            />
          ))
        )}
        {status === 'submitted' ? <p className="muted typing">Thinking…</p> : null}
        {error ? (
          <p className="error" role="alert">
            Something went wrong: {error.message}
          </p>
        ) : null}
        <div ref={end} />
      </div>
      <Composer onSend={ask} busy={busy} />
    </main>
  )
}
