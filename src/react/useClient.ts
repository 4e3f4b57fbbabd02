import { useContext } from 'react'
import type { CopilotAnalytics } from '../core'
import { isDevelopment } from '../core/environment'
import { CopilotAnalyticsContext } from './context'
import { noopClient } from './noopClient'

const warned = new Set<string>()

/** The provider's client for hook `hookName`; outside a provider, a client that does nothing (and one warning). */
export function useClient(hookName: string): CopilotAnalytics {
  const client = useContext(CopilotAnalyticsContext)
  if (client) return client
  if (isDevelopment() && !warned.has(hookName)) {
    warned.add(hookName)
    console.warn(
      `[copilot-analytics] ${hookName} was called outside <CopilotAnalyticsProvider>: nothing is tracked. ` +
        'Wrap your app (or your test) in <CopilotAnalyticsProvider>.',
    )
  }
  return noopClient
}
