import { useTrackMessage } from 'copilot-analytics'
import { type FormEvent, type ReactNode, useState } from 'react'

/** Props of {@link PromptForm}. */
export interface PromptFormProps {
  /** Called with the message and its tracked messageId, after Message Sent. */
  onSend?: (body: string, messageId: string) => void
  placeholder?: string
}

/**
 * The prompt box of a copilot: sends Message Sent for every message (and Conversation Started before the
 * first one of a conversation). The messageId it returns ties later events (feedback, components) to the message.
 */
export function PromptForm({ onSend, placeholder = 'Ask the copilot…' }: PromptFormProps): ReactNode {
  const { trackSent } = useTrackMessage()
  const [draft, setDraft] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const body = draft.trim()
    if (!body) return
    const messageId = trackSent(body)
    setDraft('')
    onSend?.(body, messageId)
  }
  return (
    <form className="composer" onSubmit={submit} aria-label="Prompt">
      <input
        aria-label="Message"
        value={draft}
        placeholder={placeholder}
        onChange={(event) => setDraft(event.target.value)}
        style={{ flex: 1, minWidth: 240 }}
      />
      <button type="submit" className="primary" disabled={draft.trim() === ''}>
        Send
      </button>
    </form>
  )
}
