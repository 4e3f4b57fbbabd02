import { createContext } from 'react'
import type { CopilotAnalytics } from '../core'

/** The provider's client; null outside a provider. */
export const CopilotAnalyticsContext = createContext<CopilotAnalytics | null>(null)
// declared here so the published types need no @types/node (as in src/shared/guards.ts)
declare const process: { env: Record<string, string | undefined> }

// a name for React DevTools in development; production bundles drop the whole statement (see useClient)
try {
  if (process.env.NODE_ENV !== 'production') CopilotAnalyticsContext.displayName = 'CopilotAnalyticsContext'
} catch {
  // no bundler and no `process`: no name either
}
