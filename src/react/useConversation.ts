import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { useClient } from './useClient'

/** The current conversation, and how to end it or start a new one. */
export interface ConversationApi {
  conversationId: string
  /** Message Sent and Message Received so far (across reloads). */
  messageCount: number
  /** Conversation Started was sent. */
  started: boolean
  /** Sends Conversation Ended (if the conversation started), then makes a new conversation current. Returns its ID. */
  startNew(): string
  /** Sends Conversation Ended (if the conversation started). */
  end(): void
}

/** The current conversation. Re-renders when it changes or its message count does; use it where you show them. */
export function useConversation(): ConversationApi {
  const client = useClient('useConversation')
  const read =
    <T>(select: (state: ReturnType<typeof client.getState>) => T) =>
    () =>
      select(client.getState())
  const conversationId = useSyncExternalStore(
    client.subscribe,
    read((s) => s.conversation.id),
    read((s) => s.conversation.id),
  )
  const messageCount = useSyncExternalStore(
    client.subscribe,
    read((s) => s.conversation.messageCount),
    read((s) => s.conversation.messageCount),
  )
  const started = useSyncExternalStore(
    client.subscribe,
    read((s) => s.conversation.started),
    read((s) => s.conversation.started),
  )
  const end = useCallback(() => client.endConversation(), [client])
  const startNew = useCallback(() => {
    client.endConversation()
    return client.startConversation()
  }, [client])
  return useMemo(
    () => ({ conversationId, messageCount, started, startNew, end }),
    [conversationId, messageCount, started, startNew, end],
  )
}
