import { CopilotAnalyticsProvider } from 'copilot-analytics'
import { CopilotAnalyticsDevtools } from 'copilot-analytics/devtools'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { ChatView } from './ChatView'
import { analyticsOptions, readConfig } from './config'
import { type ConversationEntry, loadConversations, newConversationId } from './conversations'
import { Sidebar } from './Sidebar'
import { useDevtoolsSetting } from './useDevtoolsSetting'

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
 * between conversations and "New chat" ends the current one before starting the next. On a phone the sidebar
 * is a drawer behind the menu button.
 */
export function App() {
  const config = useMemo(readConfig, [])
  const analytics = useMemo(() => analyticsOptions(config), [config])
  const [conversationId, setConversationId] = useState(initialConversation)
  const [conversations, setConversations] = useState<ConversationEntry[]>(loadConversations)
  const [menuOpen, setMenuOpen] = useState(false)
  const [devtools, setDevtools] = useDevtoolsSetting()

  // every current conversation is remembered, the first one too: a reload resumes it (its ID, messages, count)
  useEffect(() => {
    try {
      localStorage.setItem(CURRENT_KEY, conversationId)
    } catch {
      // storage blocked: a reload starts a new chat
    }
  }, [conversationId])

  // the tab says which chat this is
  const title = conversations.find((c) => c.id === conversationId)?.title ?? 'New chat'
  useEffect(() => {
    document.title = `${title} · Stocks copilot`
  }, [title])

  const closeMenu = useCallback(() => setMenuOpen(false), [])
  const select = (id: string) => {
    setConversationId(id)
    setMenuOpen(false)
  }

  return (
    <CopilotAnalyticsProvider {...analytics} conversationId={conversationId}>
      <div className={`app${menuOpen ? ' menu-open' : ''}${devtools ? ' with-devtools' : ''}`}>
        <header className="topbar">
          <button
            type="button"
            className="menu-button"
            aria-label="Menu"
            aria-expanded={menuOpen}
            aria-controls="sidebar"
            onClick={() => setMenuOpen(true)}
          >
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
              <path d="M3 6h18M3 12h18M3 18h18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </button>
          <span className="topbar-title">{title}</span>
        </header>
        <Sidebar
          id="sidebar"
          open={menuOpen}
          onClose={closeMenu}
          conversations={conversations}
          current={conversationId}
          onSelect={select}
          onNewChat={() => select(newConversationId())}
          model={config.model}
          destination={config.destination}
          devtools={devtools}
          onDevtools={setDevtools}
        />
        {/* a tap beside the drawer closes it (the close button and Escape do too, for keyboards) */}
        {menuOpen ? <div className="backdrop" aria-hidden="true" onClick={closeMenu} /> : null}
        {/* keyed: each conversation gets its own useChat state */}
        <ChatView key={conversationId} conversationId={conversationId} onSaved={setConversations} />
      </div>
      {/* the kit's event inspector, its button counting each event as it fires (forced: this build is minified);
          top right, clear of the composer, so an open panel covers older messages, not the newest */}
      {devtools ? <CopilotAnalyticsDevtools force position="top-right" /> : null}
    </CopilotAnalyticsProvider>
  )
}
