import { createStore, type StoreApi } from 'zustand/vanilla'
import { createId } from './ids'
import type { KeyValueStorage } from './storage'

/** Who is using the copilot. */
export interface IdentityState {
  readonly anonymousId: string
  readonly userId: string | null
  readonly traits: Readonly<Record<string, unknown>>
}

/** The current conversation. */
export interface ConversationState {
  readonly id: string
  /** Message Sent and Message Received of this conversation, across page reloads. */
  readonly messageCount: number
  /** Conversation Started was sent. */
  readonly started: boolean
  /** Conversation Ended was sent. */
  readonly ended: boolean
}

/** The client's state: what `getState()` returns and `subscribe()` watches. */
export interface CopilotState {
  readonly identity: IdentityState
  readonly conversation: ConversationState
}

/** What is kept per conversation so a reload resumes it. */
interface ConversationRecord {
  messageCount: number
  started: boolean
  ended: boolean
  /** Component Loaded keys already sent: `${messageId}\u0000${type}`. */
  components: string[]
  touched: number
}

interface PersistedState {
  anonymousId: string
  userId: string | null
  traits: Record<string, unknown>
  /** The anonymousId whose anonymous identify was sent. */
  announced: string | null
  conversations: Record<string, ConversationRecord>
}

/** Conversations kept in storage: the most recently used. */
const MAX_CONVERSATIONS = 50
/** Component Loaded keys kept per conversation. */
const MAX_COMPONENT_KEYS = 500

export interface CopilotStoreOptions {
  storage: KeyValueStorage
  conversationStorageKey: string
  stateStorageKey: string
  userId?: string | undefined
  anonymousId?: string | undefined
  traits?: Record<string, unknown> | undefined
  conversationId?: string | undefined
}

function readPersisted(storage: KeyValueStorage, key: string): Partial<PersistedState> {
  try {
    const raw = storage.getItem(key)
    const parsed: unknown = raw ? JSON.parse(raw) : null
    return parsed && typeof parsed === 'object' ? (parsed as Partial<PersistedState>) : {}
  } catch {
    return {} // corrupt or foreign value: start fresh rather than fail
  }
}

function blankRecord(): ConversationRecord {
  return { messageCount: 0, started: false, ended: false, components: [], touched: Date.now() }
}

/**
 * The identity and conversation store (zustand vanilla), persisted: the conversation ID as a plain
 * string under `conversationStorageKey` (`newChatId`), the rest as JSON under `stateStorageKey`.
 */
export class CopilotStore {
  readonly api: StoreApi<CopilotState>
  private readonly persisted: PersistedState
  private readonly options: CopilotStoreOptions

  constructor(options: CopilotStoreOptions) {
    this.options = options
    const saved = readPersisted(options.storage, options.stateStorageKey)
    const anonymousId = options.anonymousId ?? (typeof saved.anonymousId === 'string' ? saved.anonymousId : createId())
    this.persisted = {
      anonymousId,
      userId: options.userId ?? (typeof saved.userId === 'string' ? saved.userId : null),
      traits: { ...(saved.traits && typeof saved.traits === 'object' ? saved.traits : {}), ...options.traits },
      announced: saved.announced === anonymousId ? anonymousId : null,
      conversations: saved.conversations && typeof saved.conversations === 'object' ? saved.conversations : {},
    }
    const storedConversation = options.storage.getItem(options.conversationStorageKey)
    const conversationId = options.conversationId ?? (storedConversation || createId())
    this.api = createStore<CopilotState>(() => ({
      identity: this.identitySnapshot(),
      conversation: this.conversationSnapshot(conversationId),
    }))
    // nothing is written yet: under StrictMode a discarded client must not overwrite the kept one's state
  }

  /** Writes the state (and the conversation ID under `newChatId`) to storage. */
  persist(): void {
    this.writeNow()
  }

  get state(): CopilotState {
    return this.api.getState()
  }

  /** True once the anonymous identify for the current anonymousId was sent. */
  get announced(): boolean {
    return this.persisted.announced === this.persisted.anonymousId
  }

  markAnnounced(): void {
    this.persisted.announced = this.persisted.anonymousId
    this.save()
  }

  setUser(userId: string | null, traits: Record<string, unknown> | undefined): void {
    this.persisted.userId = userId
    if (traits) this.persisted.traits = { ...this.persisted.traits, ...traits }
    this.save()
    this.api.setState({ identity: this.identitySnapshot() })
  }

  /** Log out: a new anonymous visitor with a new conversation. */
  resetIdentity(): void {
    this.persisted.anonymousId = createId()
    this.persisted.userId = null
    this.persisted.traits = {}
    this.persisted.announced = null
    this.save()
    this.api.setState({ identity: this.identitySnapshot() })
    this.switchConversation(createId())
  }

  /** Makes `id` the current conversation (resuming what is known of it). */
  switchConversation(id: string): void {
    if (id === this.state.conversation.id) return
    this.api.setState({ conversation: this.conversationSnapshot(id) })
    this.save()
  }

  /** Updates the current conversation's record and state. */
  updateConversation(change: (record: ConversationRecord) => void): void {
    const record = this.record(this.state.conversation.id)
    change(record)
    record.touched = Date.now()
    this.api.setState({ conversation: this.conversationSnapshot(this.state.conversation.id) })
    this.save()
  }

  /** Records a Component Loaded key for the current conversation; false when it was there already. */
  claimComponent(key: string): boolean {
    const record = this.record(this.state.conversation.id)
    if (record.components.includes(key)) return false
    record.components.push(key)
    if (record.components.length > MAX_COMPONENT_KEYS) record.components.shift()
    this.save()
    return true
  }

  private record(id: string): ConversationRecord {
    const existing = this.persisted.conversations[id]
    if (existing) return existing
    const created = blankRecord()
    this.persisted.conversations[id] = created
    return created
  }

  private conversationSnapshot(id: string): ConversationState {
    const record = this.persisted.conversations[id]
    return {
      id,
      messageCount: record?.messageCount ?? 0,
      started: record?.started ?? false,
      ended: record?.ended ?? false,
    }
  }

  private identitySnapshot(): IdentityState {
    const { anonymousId, userId, traits } = this.persisted
    return { anonymousId, userId, traits: { ...traits } }
  }

  private saveScheduled = false

  /** Writes once per tick, however many changes a burst of events makes. */
  private save(): void {
    if (this.saveScheduled) return
    this.saveScheduled = true
    queueMicrotask(() => {
      this.saveScheduled = false
      this.writeNow()
    })
  }

  private writeNow(): void {
    const ids = Object.keys(this.persisted.conversations)
    if (ids.length > MAX_CONVERSATIONS) {
      const active = this.api?.getState().conversation.id
      const touched = (id: string) => this.persisted.conversations[id]?.touched ?? 0
      const oldest = ids.filter((id) => id !== active).sort((a, b) => touched(a) - touched(b))
      for (const id of oldest.slice(0, ids.length - MAX_CONVERSATIONS)) delete this.persisted.conversations[id]
    }
    this.options.storage.setItem(this.options.stateStorageKey, JSON.stringify(this.persisted))
    const current = this.api?.getState().conversation.id
    if (current) this.options.storage.setItem(this.options.conversationStorageKey, current)
  }
}
