import { CopilotAnalyticsProvider } from 'copilot-analytics'
import { useCallback, useMemo, useState } from 'react'
import { ChatView } from './ChatView'
import { analyticsOptions, readConfig } from './config'
import { type ConversationEntry, loadConversations, newConversationId } from './conversations'
import { Sidebar } from './Sidebar'

const CURRENT_KEY = 'stocks-copilot:current'

function initialConversation(): string {
  const stored = localStorage.getItem(CURRENT_KEY)
  return stored ?? newConversationId()
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

  const select = useCallback((id: string) => {
    localStorage.setItem(CURRENT_KEY, id)
    setConversationId(id)
  }, [])

  return (
    <CopilotAnalyticsProvider {...analytics} conversationId={conversationId}>
      <div className="app">
        <Sidebar
          conversations={conversations}
          current={conversationId}
          onSelect={select}
          onNewChat={() => select(newConversationId())}
          model={config.model}
          destination={config.destination}
        />
        {/* keyed: each conversation gets its own useChat state */}
        <ChatView key={conversationId} conversationId={conversationId} onSaved={setConversations} />
      </div>
    </CopilotAnalyticsProvider>
  )
}
