import { useMemo, useSyncExternalStore } from 'react'
import { useClient } from './useClient'

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
  const client = useClient('useIdentity')
  const userId = useSyncExternalStore(
    client.subscribe,
    () => client.getState().identity.userId,
    () => client.getState().identity.userId,
  )
  const anonymousId = useSyncExternalStore(
    client.subscribe,
    () => client.getState().identity.anonymousId,
    () => client.getState().identity.anonymousId,
  )
  const actions = useMemo(
    () => ({
      identify: (id: string, traits?: Record<string, unknown>) => client.identify(id, traits),
      reset: () => client.reset(),
    }),
    [client],
  )
  return useMemo(() => ({ userId, anonymousId, ...actions }), [userId, anonymousId, actions])
}
