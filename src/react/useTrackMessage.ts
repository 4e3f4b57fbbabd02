import { useMemo } from 'react'
import type { ExtraProperties } from '../core'
import { useClient } from './useClient'
import { withExtra } from './withExtra'

/** Extra input of a tracked message: its own ID, role, or any property of yours. */
export interface TrackMessageExtra extends ExtraProperties {
  messageId?: string | undefined
  role?: string | undefined
}

/** Stable functions to track chat messages. */
export interface TrackMessageApi {
  /** Message Sent (and Conversation Started before the first one). Returns the messageId. */
  trackSent(body: string, extra?: TrackMessageExtra): string
  /** Message Received, once per complete answer (never per streamed token). Returns the messageId. */
  trackReceived(body: string, extra?: TrackMessageExtra): string
}

/** Tracks messages sent by the user and received from the copilot. Causes no re-render. */
export function useTrackMessage(): TrackMessageApi {
  const client = useClient(useTrackMessage)
  return useMemo(
    () => ({
      trackSent: (body, extra) => client.messageSent(withExtra(extra, { body })),
      trackReceived: (body, extra) => client.messageReceived(withExtra(extra, { body })),
    }),
    [client],
  )
}
