import { useMemo } from 'react'
import { useClient } from './useClient'
import { useClientState } from './useClientState'

/** Who the visitor is, and how to identify or forget them. */
export interface IdentityApi {
  userId: string | null
  anonymousId: string
  /** Identifies a known user, joined to the anonymousId (sends identify). */
  identify(userId: string, traits?: Record<string, unknown>): void
  /** Log out: new anonymousId, no userId, new conversation. */
  reset(): void
}

/** The visitor's identity. Re-renders when it changes. */
export function useIdentity(): IdentityApi {
  const client = useClient(useIdentity)
  const userId = useClientState(client, 'identity', 'userId')
  const anonymousId = useClientState(client, 'identity', 'anonymousId')
  // the client's own functions: stable for as long as the client
  return useMemo(
    () => ({ userId, anonymousId, identify: client.identify, reset: client.reset }),
    [userId, anonymousId, client],
  )
}
