import { useFeedback } from 'copilot-analytics'
import { type ReactNode, useId, useState } from 'react'
import { Star } from './Icon'

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
  const name = useId()
  const [hovered, setHovered] = useState<number | null>(null)
  const lit = hovered ?? rating ?? 0
  return (
    <fieldset className="ca-row ca-fieldset" onMouseLeave={() => setHovered(null)}>
      <legend className="muted">{label}</legend>
      {STARS.map((stars) => (
        <label key={stars} className="ca-star" data-lit={stars <= lit} onMouseEnter={() => setHovered(stars)}>
          <input
            type="radio"
            name={name}
            className="visually-hidden"
            aria-label={`${stars} ${stars === 1 ? 'star' : 'stars'}`}
            checked={rating === stars}
            onChange={() => submit(stars)}
          />
          <Star />
        </label>
      ))}
    </fieldset>
  )
}
