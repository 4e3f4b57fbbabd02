import { useFeedback } from 'copilot-analytics'
import type { ReactNode } from 'react'
import { Thumb } from './Icon'

/** Props of {@link ThumbsFeedback}. */
export interface ThumbsFeedbackProps {
  /** The rated message; the whole conversation when omitted. */
  messageId?: string
}

/** Thumbs up / down under an answer: Feedback Submitted with rating 1 or -1. */
export function ThumbsFeedback({ messageId }: ThumbsFeedbackProps): ReactNode {
  const { submit, rating } = useFeedback(messageId)
  return (
    <fieldset className="feedback ca-fieldset">
      <legend className="muted">Was this helpful?</legend>
      <button type="button" aria-label="Thumbs up" aria-pressed={rating === 1} onClick={() => submit('up')}>
        <Thumb />
      </button>
      <button type="button" aria-label="Thumbs down" aria-pressed={rating === -1} onClick={() => submit('down')}>
        <Thumb down />
      </button>
      {rating === undefined ? null : <span className="thanks">Thanks for your feedback!</span>}
    </fieldset>
  )
}
