import { useFeedback } from 'copilot-analytics'
import { Thumb } from './Thumb'

/** Thumbs up / down on one answer: Feedback Submitted with rating 1 or -1. */
export function FeedbackButtons({ messageId }: { messageId: string }) {
  const { submit, rating } = useFeedback(messageId)
  return (
    <div className="feedback">
      <button type="button" aria-label="Good response" aria-pressed={rating === 1} onClick={() => submit('up')}>
        <Thumb />
      </button>
      <button type="button" aria-label="Bad response" aria-pressed={rating === -1} onClick={() => submit('down')}>
        <Thumb down />
      </button>
      {rating === undefined ? null : <span className="thanks">Thanks for the feedback</span>}
    </div>
  )
}
