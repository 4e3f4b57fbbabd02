import { useConversation, useIdentity } from 'copilot-analytics'
import type { ConversationEntry } from './conversations'

interface SidebarProps {
  conversations: ConversationEntry[]
  current: string
  onSelect(id: string): void
  onNewChat(): void
  model: string
  destination: 'collector' | 'segment'
}

/** New chat, the chat history and sign-in: the parts of the app that change conversation or identity. */
export function Sidebar({ conversations, current, onSelect, onNewChat, model, destination }: SidebarProps) {
  const { end } = useConversation()
  const { userId, identify, reset } = useIdentity()

  const newChat = () => {
    // Conversation Ended (with its message count) for the one we leave, then a fresh ID
    end()
    onNewChat()
  }

  const signIn = () => identify('user-ada', { name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro' })
  const signOut = () => {
    reset()
    // reset gives the visitor a new anonymous ID; a new chat goes with it
    onNewChat()
  }

  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ▲
        </span>
        Stocks copilot
      </div>
      <button type="button" className="new-chat" onClick={newChat}>
        New chat
      </button>
      <nav aria-label="Chat history" className="history">
        {conversations.length === 0 ? <p className="muted">Your chats appear here.</p> : null}
        <ul>
          {conversations.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className={c.id === current ? 'active' : undefined}
                aria-current={c.id === current ? 'page' : undefined}
                onClick={() => onSelect(c.id)}
              >
                {c.title}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="account">
        {userId ? (
          <>
            <p>
              Signed in as <strong>Ada Lovelace</strong>
            </p>
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </>
        ) : (
          <>
            <p className="muted">Anonymous visitor</p>
            <button type="button" onClick={signIn}>
              Sign in
            </button>
          </>
        )}
      </div>
      <div className="links">
        <a href="/insights">Insights</a>
        <a href="/collector">Collector</a>
      </div>
      <p className="muted small">
        Model: {model}
        <br />
        Events: {destination === 'segment' ? 'Segment' : 'embedded collector'}
      </p>
    </aside>
  )
}
