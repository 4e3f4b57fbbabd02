import { useConversation } from 'copilot-analytics'
import type { ReactNode } from 'react'

/** Props of {@link NewChatButton}. */
export interface NewChatButtonProps {
  /** Called with the new conversation's ID. */
  onNewChat?: (conversationId: string) => void
}

/**
 * Starts a new chat: Conversation Ended (with `message_count`) for the current conversation if it started,
 * then a new current conversation, which sends nothing until its first message.
 */
export function NewChatButton({ onNewChat }: NewChatButtonProps): ReactNode {
  const { conversationId, messageCount, started, startNew } = useConversation()
  return (
    <div className="ca-row">
      <button type="button" onClick={() => onNewChat?.(startNew())}>
        New chat
      </button>
      <output className="muted" aria-label="Conversation">
        {conversationId.slice(0, 18)} · {messageCount} {messageCount === 1 ? 'message' : 'messages'}
        {started ? '' : ' · not started'}
      </output>
    </div>
  )
}
