import type { CopilotAnalytics } from '../core'
import { useClient } from './useClient'

/** The provider's client, for anything the other hooks do not cover. */
export function useCopilotAnalytics(): CopilotAnalytics {
  return useClient(useCopilotAnalytics)
}
