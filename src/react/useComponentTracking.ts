import { useEffect } from 'react'
import type { ExtraProperties } from '../core'
import { useClient } from './useClient'
import { useLatest } from './useLatest'

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
export function useComponentTracking(type: string, options: ComponentTrackingOptions = {}): void {
  const client = useClient(useComponentTracking)
  const { messageId } = options
  const properties = useLatest(options.properties)
  useEffect(() => {
    client.componentLoaded({ ...properties.current, type, ...(messageId === undefined ? {} : { messageId }) })
  }, [client, type, messageId, properties])
}
