import type { ActionInput } from '../core'
import { useClient } from './useClient'

/** A stable function that sends Action Invoked (the client's own: it lives as long as the client). No re-render. */
export function useTrackAction(): (input: ActionInput) => void {
  return useClient(useTrackAction).actionInvoked
}
