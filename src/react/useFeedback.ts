import { useCallback, useMemo, useState } from 'react'
import type { ExtraProperties, Rating } from '../core'
import { useClient } from './useClient'
import { useLatest } from './useLatest'
import { withExtra } from './withExtra'

/** Feedback on a message (or the conversation). */
export interface FeedbackApi {
  /** Sends Feedback Submitted: any finite number, or 'up' (1) / 'down' (-1). */
  submit(rating: Rating, extra?: ExtraProperties): void
  /** The last rating submitted from this widget, for its own state; undefined before. */
  rating: number | undefined
}

/**
 * Feedback Submitted for `messageId` (or the whole conversation when omitted). `submit` is stable;
 * the widget re-renders only when its own `rating` changes.
 */
export function useFeedback(messageId?: string): FeedbackApi {
  const client = useClient(useFeedback)
  const [rating, setRating] = useState<number>()
  const latestMessageId = useLatest(messageId)
  const submit = useCallback(
    (value: Rating, extra?: ExtraProperties) => {
      const id = latestMessageId.current
      const sent = client.feedbackSubmitted(
        withExtra(extra, { rating: value, ...(id === undefined ? {} : { messageId: id }) }),
      )
      if (sent !== undefined) setRating(sent)
    },
    [client, latestMessageId],
  )
  return useMemo(() => ({ submit, rating }), [submit, rating])
}
