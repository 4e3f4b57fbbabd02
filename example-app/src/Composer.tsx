import { type FormEvent, type KeyboardEvent, useId, useState } from 'react'

/** The prompt box: Enter (or Send) sends, Shift+Enter adds a line. */
export function Composer({ onSend, busy }: { onSend(text: string): void; busy: boolean }) {
  const [text, setText] = useState('')
  const id = useId()
  const send = () => {
    const value = text.trim()
    if (value === '' || busy) return
    onSend(value)
    setText('')
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    send()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      send()
    }
  }
  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor={id} className="visually-hidden">
        Message
      </label>
      <textarea
        id={id}
        rows={1}
        value={text}
        placeholder="Ask about a stock…"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="primary" disabled={busy || text.trim() === ''}>
        Send
      </button>
    </form>
  )
}
