// What the client keeps in storage, read as the app's storage holds it: at most 50 conversations, the least recently
// used dropped first, the current one always kept, and a reload resuming where the page left off.
import { describe, expect, it } from 'vitest'
import {
  type CopilotAnalytics,
  createCopilotAnalytics,
  createMemoryStorage,
  type KeyValueStorage,
  memoryDestination,
} from '../../src/core'

const STATE_KEY = 'copilot-analytics:state'

type ConversationRecord = { messageCount: number; started: boolean; ended: boolean }

/** The stored state: `conversations` as stored, [id, record] pairs least recently used first. */
interface Stored {
  anonymousId: string
  conversations: [string, ConversationRecord][]
}

const setup = (storage: KeyValueStorage = createMemoryStorage()) => {
  const destination = memoryDestination()
  const client = createCopilotAnalytics({ storage, destination })
  return { client, destination, storage }
}

/** Lets the client deliver and write its state (writes happen once per tick, in a microtask). */
const settle = async (client: CopilotAnalytics) => {
  await client.flush()
  await new Promise<void>((resolve) => queueMicrotask(resolve))
}

/** The stored conversations: their IDs in stored order, and each record by ID. */
const stored = (storage: KeyValueStorage) => {
  const state = JSON.parse(storage.getItem(STATE_KEY) ?? 'null') as Stored
  return { ids: state.conversations.map(([id]) => id), conversations: new Map(state.conversations) }
}

/** Starts conversation `c-<i>` for each i in [from, to) and sends one message in each. */
const chat = (client: CopilotAnalytics, from: number, to: number) => {
  for (let i = from; i < to; i++) {
    client.startConversation(`c-${i}`)
    client.messageSent({ body: `question ${i}` })
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => `c-${from + k}`)

describe('persisted conversations', () => {
  it('keeps the 50 most recent conversations and the current one; newChatId holds the current ID', async () => {
    const { client, storage } = setup()
    chat(client, 0, 55)
    await settle(client)

    const { ids, conversations } = stored(storage)
    expect(ids).toHaveLength(50)
    for (const gone of range(0, 5)) expect(conversations.has(gone)).toBe(false)
    expect(ids).toEqual(range(5, 55))
    expect(conversations.get('c-54')).toEqual({ messageCount: 1, started: true, ended: false, components: [] })
    expect(client.getState().conversation.id).toBe('c-54')
    expect(storage.getItem('newChatId')).toBe('c-54')
  })

  it('a conversation used again is kept; those last used before it are dropped first', async () => {
    const { client, storage } = setup()
    chat(client, 0, 50)
    await settle(client)
    // at the limit, nothing is dropped yet
    expect(stored(storage).ids).toEqual(range(0, 50))

    // back to the oldest conversation: it becomes the most recently used
    client.startConversation('c-0')
    expect(client.getState().conversation.messageCount).toBe(1)
    client.messageSent({ body: 'one more thing' })
    await settle(client)
    chat(client, 50, 55)
    await settle(client)

    const { ids, conversations } = stored(storage)
    expect(ids).toHaveLength(50)
    expect(conversations.get('c-0')).toMatchObject({ messageCount: 2, started: true })
    for (const gone of range(1, 6)) expect(conversations.has(gone)).toBe(false)
    expect(ids).toEqual([...range(6, 50), 'c-0', ...range(50, 55)])
  })

  it('keeps the current conversation even when it was used least recently', async () => {
    const { client, storage } = setup()
    client.startConversation('c-old')
    client.messageSent({ body: 'long ago' })
    chat(client, 0, 55)
    // back to the oldest, without a new message: it is current, yet still the least recently changed
    client.startConversation('c-old')
    await settle(client)

    const { ids, conversations } = stored(storage)
    expect(storage.getItem('newChatId')).toBe('c-old')
    expect(conversations.get('c-old')).toMatchObject({ messageCount: 1, started: true })
    expect(ids).toEqual(['c-old', ...range(6, 55)])
  })

  it('orders integer-like conversation IDs (database IDs) by use like any other', async () => {
    const { client, storage } = setup()
    const numeric = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => String(from + k))
    for (const id of numeric(1001, 1051)) {
      client.startConversation(id)
      client.messageSent({ body: 'question' })
    }
    // back to the oldest: it becomes the most recently used and outlives those after it
    client.startConversation('1001')
    client.messageSent({ body: 'one more' })
    client.startConversation('2000')
    client.messageSent({ body: 'new chat' })
    await settle(client)

    const { ids, conversations } = stored(storage)
    expect(ids).toEqual([...numeric(1003, 1051), '1001', '2000'])
    expect(conversations.get('1001')).toMatchObject({ messageCount: 2 })
    // and in this page too: going back continues its count, with no second Conversation Started
    client.startConversation('1001')
    expect(client.getState().conversation).toMatchObject({ messageCount: 2, started: true })
  })

  it('a reload resumes the current conversation with its message count, and older kept ones too', async () => {
    const first = setup()
    chat(first.client, 0, 55)
    first.client.messageReceived({ body: 'answer' })
    first.client.messageSent({ body: 'follow-up' })
    await settle(first.client)
    const { anonymousId } = first.client.getState().identity

    // a new page over the same storage
    const reloaded = setup(first.storage)
    expect(reloaded.client.getState().conversation).toEqual({
      id: 'c-54',
      messageCount: 3,
      started: true,
      ended: false,
      ratings: {},
    })
    expect(reloaded.client.getState().identity.anonymousId).toBe(anonymousId)

    // the resumed conversation is not started again, and counts on
    reloaded.client.messageSent({ body: 'after reload' })
    await settle(reloaded.client)
    const events = reloaded.destination.events.flatMap((e) => (e.type === 'track' ? [e.event] : []))
    expect(events).toEqual(['Message Sent'])
    expect(reloaded.client.getState().conversation.messageCount).toBe(4)
    expect(stored(first.storage).conversations.get('c-54')?.messageCount).toBe(4)

    // a kept conversation resumes too; a dropped one starts over
    reloaded.client.startConversation('c-5')
    expect(reloaded.client.getState().conversation).toMatchObject({ messageCount: 1, started: true })
    reloaded.client.startConversation('c-4')
    expect(reloaded.client.getState().conversation).toMatchObject({ messageCount: 0, started: false })
  })
})
