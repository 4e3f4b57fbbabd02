import { useEffect } from 'react'
import type { ExtraProperties } from '../core'
import { useClient } from './useClient'
import { useLatest } from './useLatest'
import { withExtra } from './withExtra'

/** Options of {@link useComponentTracking}. */
export interface ComponentTrackingOptions {
  /** The message the component belongs to (a model-generated component's message). */
  messageId?: string | undefined
  /** Extra properties sent with Component Loaded. */
  properties?: ExtraProperties | undefined
}

/**
 * Sends Component Loaded when the component first mounts: once per (conversation, message, type), so
 * re-renders, re-mounts, StrictMode and list virtualisation never send it twice. Causes no re-render.
 */
export function useComponentTracking(type: string, options?: ComponentTrackingOptions): void {
  const client = useClient(useComponentTracking)
  // read in a try: a render must not throw because the app's options object does (null, a getter, a Proxy)
  let messageId: string | undefined
  let extra: unknown
  try {
    ;({ messageId, properties: extra } = options ?? {})
  } catch {
    extra = options // the client reports it (as the field `extra`) when the event is sent
  }
  const properties = useLatest(extra)
  useEffect(() => {
    client.componentLoaded(withExtra(properties.current, { type, ...(messageId === undefined ? {} : { messageId }) }))
  }, [client, type, messageId, properties])
}
