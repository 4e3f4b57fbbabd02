import { useCallback } from 'react'
import type { ActionInput } from '../core'
import { useClient } from './useClient'

/** A stable function that sends Action Invoked. Causes no re-render. */
export function useTrackAction(): (input: ActionInput) => void {
  const client = useClient('useTrackAction')
  return useCallback((input: ActionInput) => client.actionInvoked(input), [client])
}
