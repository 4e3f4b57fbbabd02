import type { ChatMessage } from './types'

/** A conversation of the history sidebar. */
export interface ConversationEntry {
  id: string
  title: string
  updatedAt: number
}

const LIST_KEY = 'stocks-copilot:conversations'
const messagesKey = (id: string) => `stocks-copilot:messages:${id}`

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key)
    return raw === null ? fallback : (JSON.parse(raw) as T)
  } catch {
    return fallback
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // storage full or blocked: the chat still works, only the history is not kept
  }
}

/** Conversations with at least one message, newest first. */
export function loadConversations(): ConversationEntry[] {
  return read<ConversationEntry[]>(LIST_KEY, []).sort((a, b) => b.updatedAt - a.updatedAt)
}

/** The stored messages of a conversation (none for a new one). */
export function loadMessages(id: string): ChatMessage[] {
  return read<ChatMessage[]>(messagesKey(id), [])
}

/** Stores a conversation's messages and puts it at the top of the history. Returns the new list. */
export function saveConversation(id: string, messages: ChatMessage[]): ConversationEntry[] {
  write(messagesKey(id), messages)
  const first = messages.find((m) => m.role === 'user')
  const text =
    first?.parts
      .map((p) => (p.type === 'text' ? p.text : ''))
      .join(' ')
      .trim() ?? ''
  const title = text === '' ? 'New chat' : text.length > 40 ? `${text.slice(0, 40)}…` : text
  const list = loadConversations().filter((c) => c.id !== id)
  const next = [{ id, title, updatedAt: Date.now() }, ...list]
  write(LIST_KEY, next)
  return next
}

/** A fresh conversation ID. */
export function newConversationId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}
