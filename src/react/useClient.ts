import { useContext } from 'react'
import type { CopilotAnalytics } from '../core'
import { CopilotAnalyticsContext } from './context'
import { inertClient } from './inertClient'

// declared here so the published types need no @types/node (as in src/shared/guards.ts)
declare const process: { env: Record<string, string | undefined> }

const warned = /* @__PURE__ */ new Set<string>()

const warnOutsideProvider = (hookName: string): void => {
  if (warned.has(hookName)) return
  warned.add(hookName)
  console.warn(
    `[copilot-analytics] ${hookName} was called outside <CopilotAnalyticsProvider>: nothing is tracked. ` +
      'Wrap your app (or your test) in <CopilotAnalyticsProvider>.',
  )
}

/**
 * The provider's client for `hook`; outside a provider, a client that sends nothing (and one warning naming the
 * hook). The hook itself, not its name: development builds keep function names, production ones need no string.
 */
export function useClient(hook: { readonly name: string }): CopilotAnalytics {
  const client = useContext(CopilotAnalyticsContext)
  if (client) return client
  // Not core's isDevelopment(): a function call keeps the warning and its text in production bundles. Written out,
  // `process.env.NODE_ENV` is replaced by the app's bundler (React needs it replaced too), the test folds to false and
  // esbuild, Rolldown/oxc and terser all drop the whole try/catch. Where nothing replaced it and there is no
  // `process` (plain ESM in a browser), reading it throws: that counts as development, as in isDevelopment().
  try {
    if (process.env.NODE_ENV !== 'production') warnOutsideProvider(hook.name)
  } catch {
    warnOutsideProvider(hook.name)
  }
  return inertClient()
}
