import { useCallback, useMemo, useSyncExternalStore } from 'react'
import type { ExtraProperties, Rating } from '../core'
import { useClient } from './useClient'
import { useLatest } from './useLatest'
import { withExtra } from './withExtra'

/** Feedback on a message (or the conversation). */
export interface FeedbackApi {
  /** Sends Feedback Submitted: any finite number, or 'up' (1) / 'down' (-1). */
  submit(rating: Rating, extra?: ExtraProperties): void
  /**
   * The user's last rating of this message (or conversation) in the current conversation, from any widget and kept
   * across page reloads; undefined before the first.
   */
  rating: number | undefined
}

/**
 * Feedback Submitted for `messageId` (or the whole conversation when omitted). `submit` is stable; the widget
 * re-renders only when the message's `rating` changes. Every change of mind is an event; the last one counts.
 */
export function useFeedback(messageId?: string): FeedbackApi {
  const client = useClient(useFeedback)
  const read = () => client.getState().conversation.ratings[messageId ?? '']
  // none on the server and while hydrating: the stored rating is the browser's
  const rating = useSyncExternalStore(client.subscribe, read, () => undefined)
  const latestMessageId = useLatest(messageId)
  const submit = useCallback(
    (value: Rating, extra?: ExtraProperties) => {
      // an undefined messageId is none: the conversation is rated
      const id = latestMessageId.current
      client.feedbackSubmitted(withExtra(extra, { rating: value, ...(id === undefined ? {} : { messageId: id }) }))
    },
    [client, latestMessageId],
  )
  return useMemo(() => ({ submit, rating }), [submit, rating])
}
