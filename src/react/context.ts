import { createContext } from 'react'
import type { CopilotAnalytics } from '../core'

/** The provider's client; null outside a provider. */
export const CopilotAnalyticsContext = createContext<CopilotAnalytics | null>(null)
CopilotAnalyticsContext.displayName = 'CopilotAnalyticsContext'
