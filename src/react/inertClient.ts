import { type CopilotAnalytics, createCopilotAnalytics } from '../core'

let inert: CopilotAnalytics | undefined

/**
 * What hooks use outside a provider: a real client that sends nothing (consent denied, state in memory, a
 * destination that is never reached), made on first use. Its calls return what a provider's would (a messageId,
 * the rating), so app code that uses them keeps working; it costs no code of its own.
 */
export const inertClient = (): CopilotAnalytics =>
  (inert ??= createCopilotAnalytics({
    consent: 'denied',
    storage: null,
    destination: { send: async () => ({ delivered: false }) },
  }))
