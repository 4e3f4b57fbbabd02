import { useSyncExternalStore } from 'react'
import type { CopilotAnalytics, CopilotState } from '../core'

/**
 * One field of the client's state (`useClientState(client, 'conversation', 'id')`); re-renders only when that field
 * changes. A field, not its whole slice: the slice object is replaced when any of its fields changes, including
 * ones a hook does not return (`ended`, `traits`), and each of those would re-render the component for nothing.
 */
export function useClientState<S extends keyof CopilotState, K extends keyof CopilotState[S]>(
  client: CopilotAnalytics,
  slice: S,
  key: K,
): CopilotState[S][K] {
  const read = () => client.getState()[slice][key]
  return useSyncExternalStore(client.subscribe, read, read)
}
