import { CopilotAnalyticsProvider } from 'copilot-analytics'
import { useEffect, useMemo, useState } from 'react'
import { ChatView } from './ChatView'
import { analyticsOptions, readConfig } from './config'
import { type ConversationEntry, loadConversations, newConversationId } from './conversations'
import { Sidebar } from './Sidebar'

const CURRENT_KEY = 'stocks-copilot:current'

/** The conversation the last page was in (a reload resumes it), or a fresh one. */
function initialConversation(): string {
  try {
    return localStorage.getItem(CURRENT_KEY) || newConversationId()
  } catch {
    return newConversationId() // storage blocked: nothing to resume
  }
}

/**
 * The stocks copilot. The app owns the conversation ID (controlled provider): the history sidebar switches
 * between conversations and "New chat" ends the current one before starting the next.
 */
export function App() {
  const config = useMemo(readConfig, [])
  const analytics = useMemo(() => analyticsOptions(config), [config])
  const [conversationId, setConversationId] = useState(initialConversation)
  const [conversations, setConversations] = useState<ConversationEntry[]>(loadConversations)

  // every current conversation is remembered, the first one too: a reload resumes it (its ID, messages, count)
  useEffect(() => {
    try {
      localStorage.setItem(CURRENT_KEY, conversationId)
    } catch {
      // storage blocked: a reload starts a new chat
    }
  }, [conversationId])

  return (
    <CopilotAnalyticsProvider {...analytics} conversationId={conversationId}>
      <div className="app">
        <Sidebar
          conversations={conversations}
          current={conversationId}
          onSelect={setConversationId}
          onNewChat={() => setConversationId(newConversationId())}
          model={config.model}
          destination={config.destination}
        />
        {/* keyed: each conversation gets its own useChat state */}
        <ChatView key={conversationId} conversationId={conversationId} onSaved={setConversations} />
      </div>
    </CopilotAnalyticsProvider>
  )
}
