import { useCallback } from 'react'
import type { CopilotAnalytics } from '../core'
import { useClient } from './useClient'

/**
 * A stable `track` for business events (Stock Purchased, Support Requested, ...), enriched with the
 * current conversationId. Spec events and events you declared in `CopilotCustomEvents` are typed.
 */
export function useTrack(): CopilotAnalytics['track'] {
  const client = useClient('useTrack')
  return useCallback(((event, ...args) => client.track(event, ...args)) as CopilotAnalytics['track'], [client])
}
