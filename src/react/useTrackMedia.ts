import type { MediaInput } from '../core'
import { useClient } from './useClient'

/**
 * A stable function that sends Media Generated (`subType` goes out as `sub_type`); the client's own, so it lives
 * as long as the client. Causes no re-render.
 */
export function useTrackMedia(): (input: MediaInput) => void {
  return useClient(useTrackMedia).mediaGenerated
}
