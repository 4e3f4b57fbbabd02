import { createStore, type StoreApi } from 'zustand/vanilla'
import { isRecord, nonEmptyString } from '../shared/guards'
import { createId } from './ids'
import type { ConversationState, CopilotAnalyticsOptions, CopilotState, IdentityState, KeyValueStorage } from './types'

/** Where everything but the conversation ID is kept: identity and what is known of each conversation. */
const STATE_STORAGE_KEY = 'copilot-analytics:state'

/** What is kept per conversation so a reload resumes it. */
export interface ConversationRecord {
  messageCount: number
  started: boolean
  ended: boolean
  /** Component Loaded keys already sent: `${messageId}\u0000${type}`, or `\u0000${type}${properties}` without one. */
  components: string[]
  /** The last rating per message (`''`: the conversation); absent until the first. */
  ratings?: Record<string, number>
}

interface PersistedState {
  anonymousId: string
  userId: string | null
  traits: Record<string, unknown>
  /** The anonymousId whose anonymous identify was sent. */
  announced: string | null
}

/** Conversations kept in storage: the most recently used. */
const MAX_CONVERSATIONS = 50
/** Component Loaded keys kept per conversation. */
const MAX_COMPONENT_KEYS = 500

/** The persisted identity and conversation store, as the client drives it. */
export interface CopilotStore {
  readonly api: StoreApi<CopilotState>
  /** Writes the state (and the conversation ID under `newChatId`) to storage. */
  persist(): void
  /** True once the anonymous identify for the current anonymousId was sent. */
  announced(): boolean
  markAnnounced(): void
  setUser(userId: string | null, traits: Record<string, unknown> | undefined): void
  /** Log out: a new anonymous visitor with a new conversation. */
  resetIdentity(): void
  /** Makes `id` the current conversation (resuming what is known of it). */
  switchConversation(id: string): void
  /** Updates the current conversation's record and state. */
  updateConversation(change: (record: ConversationRecord) => void): void
  /** Records a Component Loaded key for the current conversation; false when it was there already. */
  claimComponent(key: string): boolean
}

const record = (value: unknown) => (isRecord(value) ? value : undefined)

/**
 * The identity and conversation store (zustand vanilla), persisted: the conversation ID as a plain string under
 * `conversationStorageKey` (`newChatId`), the rest as JSON under `copilot-analytics:state`. Nothing is written
 * until `persist()` or a change: under StrictMode a discarded client must not overwrite the kept one's state.
 */
export function createCopilotStore(storage: KeyValueStorage, options: CopilotAnalyticsOptions): CopilotStore {
  const conversationKey = options.conversationStorageKey ?? 'newChatId'
  let saved: Partial<Record<keyof PersistedState | 'conversations', unknown>> = {}
  // least recently used first (a conversation moves to the end whenever it changes): [id, record] pairs, as an
  // object would list integer-like IDs first whatever their use
  let conversations = new Map<string, ConversationRecord>()
  try {
    saved = record(JSON.parse(storage.getItem(STATE_STORAGE_KEY) ?? '{}')) ?? {}
    conversations = new Map(saved.conversations as [string, ConversationRecord][])
  } catch {
    // corrupt or foreign value: start fresh rather than fail
  }
  // an ID that is not a non-empty string (the app's option, or a foreign stored value) is not used; the engine
  // reports the option
  const usable = (...ids: unknown[]) => ids.find(nonEmptyString)
  const anonymousId = usable(options.anonymousId, saved.anonymousId) ?? createId()
  const persisted: PersistedState = {
    anonymousId,
    userId: usable(options.userId, saved.userId) ?? null,
    traits: { ...record(saved.traits), ...options.traits },
    announced: saved.announced === anonymousId ? anonymousId : null,
  }

  const fresh = (): ConversationRecord => ({ messageCount: 0, started: false, ended: false, components: [] })
  const conversationSnapshot = (id: string): ConversationState => {
    // what is known of it, over the defaults; the Component Loaded keys stay out of the state
    const { components: _, ...known } = { ...fresh(), ratings: {}, ...conversations.get(id) }
    return { id, ...known }
  }
  const identitySnapshot = (): IdentityState => ({
    anonymousId: persisted.anonymousId,
    userId: persisted.userId,
    traits: { ...persisted.traits },
  })
  const api = createStore<CopilotState>(() => ({
    identity: identitySnapshot(),
    conversation: conversationSnapshot(
      // a plain string (what the kit writes), or JSON-quoted (what the Vercel chatbot template's useLocalStorage
      // writes: "tmpl-chat-1" with its quotes), read as the ID inside
      usable(options.conversationId) ?? (storage.getItem(conversationKey)?.replace(/^"(.+)"$/, '$1') || createId()),
    ),
    consent: options.consent ?? 'granted',
  }))
  const currentId = () => api.getState().conversation.id

  const writeNow = () => {
    const active = currentId()
    // the least recently used go first, never the current one
    for (const id of conversations.keys()) {
      if (conversations.size > MAX_CONVERSATIONS && id !== active) conversations.delete(id)
    }
    storage.setItem(STATE_STORAGE_KEY, JSON.stringify({ ...persisted, conversations: [...conversations] }))
    storage.setItem(conversationKey, active)
  }
  let saveScheduled = false
  /** Writes once per tick, however many changes a burst of events makes. */
  const save = () => {
    if (saveScheduled) return
    saveScheduled = true
    queueMicrotask(() => {
      saveScheduled = false
      writeNow()
    })
  }
  /** The current conversation's record, moved to the end (most recently used). */
  const touch = (): ConversationRecord => {
    const id = currentId()
    const current = conversations.get(id) ?? fresh()
    conversations.delete(id)
    conversations.set(id, current)
    save()
    return current
  }
  const setIdentity = () => {
    save()
    api.setState({ identity: identitySnapshot() })
  }
  const switchConversation = (id: string) => {
    if (id === currentId()) return
    api.setState({ conversation: conversationSnapshot(id) })
    save()
  }

  return {
    api,
    persist: writeNow,
    announced: () => persisted.announced === persisted.anonymousId,
    markAnnounced() {
      persisted.announced = persisted.anonymousId
      save()
    },
    setUser(userId, traits) {
      persisted.userId = userId
      if (traits) persisted.traits = { ...persisted.traits, ...traits }
      setIdentity()
    },
    resetIdentity() {
      persisted.anonymousId = createId()
      persisted.userId = null
      persisted.traits = {}
      persisted.announced = null
      setIdentity()
      switchConversation(createId())
    },
    switchConversation,
    updateConversation(change) {
      change(touch())
      api.setState({ conversation: conversationSnapshot(currentId()) })
    },
    claimComponent(key) {
      const { components } = touch()
      if (components.includes(key)) return false
      if (components.push(key) > MAX_COMPONENT_KEYS) components.shift()
      return true
    },
  }
}
