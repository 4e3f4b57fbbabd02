import { useMemo } from 'react'
import { useClient } from './useClient'
import { useClientState } from './useClientState'

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
  const client = useClient(useConversation)
  const conversationId = useClientState(client, 'conversation', 'id')
  const messageCount = useClientState(client, 'conversation', 'messageCount')
  const started = useClientState(client, 'conversation', 'started')
  const actions = useMemo(
    () => ({
      startNew: () => {
        client.endConversation()
        return client.startConversation()
      },
      end: client.endConversation,
    }),
    [client],
  )
  return useMemo(
    () => ({ conversationId, messageCount, started, ...actions }),
    [conversationId, messageCount, started, actions],
  )
}
