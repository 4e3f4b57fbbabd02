import { type ReactNode, useId, useState } from 'react'
import { useFeedback } from '../../src/react'

/** Props of {@link StarRating}. */
export interface StarRatingProps {
  /** The rated message; the whole conversation when omitted. */
  messageId?: string
  /** The question shown beside the stars. */
  label?: string
}

const STARS = [1, 2, 3, 4, 5] as const

/** A 1–5 star rating of a message or the conversation: Feedback Submitted with the number of stars. */
export function StarRating({ messageId, label = 'Rate this conversation' }: StarRatingProps): ReactNode {
  const { submit, rating } = useFeedback(messageId)
  const labelId = useId()
  const [hovered, setHovered] = useState<number | null>(null)
  const lit = hovered ?? rating ?? 0
  return (
    <div className="ca-row">
      <span className="ca-muted" id={labelId}>
        {label}
      </span>
      <div role="radiogroup" aria-labelledby={labelId} onMouseLeave={() => setHovered(null)}>
        {STARS.map((stars) => (
          <button
            key={stars}
            type="button"
            role="radio"
            className="ca-star"
            aria-checked={rating === stars}
            aria-label={`${stars} ${stars === 1 ? 'star' : 'stars'}`}
            data-lit={stars <= lit}
            onMouseEnter={() => setHovered(stars)}
            onClick={() => submit(stars)}
          >
            ★
          </button>
        ))}
      </div>
    </div>
  )
}
