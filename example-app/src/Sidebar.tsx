import { useConversation, useIdentity } from 'copilot-analytics'
import { useEffect, useRef } from 'react'
import type { ConversationEntry } from './conversations'

interface SidebarProps {
  id: string
  /** Open as a drawer (phones); on wide screens the sidebar is always shown. */
  open: boolean
  onClose(): void
  conversations: ConversationEntry[]
  current: string
  onSelect(id: string): void
  onNewChat(): void
  model: string
  destination: 'collector' | 'segment'
  devtools: boolean
  onDevtools(on: boolean): void
}

/** New chat, the chat history, sign-in and the devtools switch: the parts that change conversation or identity. */
export function Sidebar(props: SidebarProps) {
  const { id, open, onClose, conversations, current, onSelect, onNewChat, model, destination } = props
  const { end } = useConversation()
  const { userId, identify, reset } = useIdentity()
  const aside = useRef<HTMLElement>(null)

  // as a drawer: focus moves into it, Escape closes it, and focus goes back to the menu button
  useEffect(() => {
    if (!open) return
    const opener = document.activeElement as HTMLElement | null
    aside.current?.querySelector<HTMLElement>('button, a, input')?.focus()
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose()
    }
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('keydown', onKey)
      opener?.focus()
    }
  }, [open, onClose])

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
    <aside id={id} ref={aside} className="sidebar" aria-label="Chats and account">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ▲
        </span>
        Stocks copilot
        <button type="button" className="close-menu" aria-label="Close menu" onClick={onClose}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
        </button>
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
      <label className="switch">
        <input type="checkbox" checked={props.devtools} onChange={(event) => props.onDevtools(event.target.checked)} />
        Show events (devtools)
      </label>
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
