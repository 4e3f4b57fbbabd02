import { useCallback } from 'react'
import type { MediaInput } from '../core'
import { useClient } from './useClient'

/** A stable function that sends Media Generated (`subType` goes out as `sub_type`). Causes no re-render. */
export function useTrackMedia(): (input: MediaInput) => void {
  const client = useClient('useTrackMedia')
  return useCallback((input: MediaInput) => client.mediaGenerated(input), [client])
}
