import type { CopilotAnalytics } from '../core'
import { useClient } from './useClient'

/**
 * A stable `track` for business events (Stock Purchased, Support Requested, ...), enriched with the current
 * conversationId: the client's own, so it lives as long as the client. Spec events and events you declared in
 * `CopilotCustomEvents` are typed.
 */
export function useTrack(): CopilotAnalytics['track'] {
  return useClient(useTrack).track
}
