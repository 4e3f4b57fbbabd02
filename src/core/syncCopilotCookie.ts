import type { CopilotAnalytics } from './types'

/** The first-party cookie that carries the browser's context to server actions and React Server Components. */
export const COPILOT_COOKIE = 'copilot_context'

/** Options of {@link syncCopilotCookie}. */
export interface CopilotCookieOptions {
  /** @default 'copilot_context' */
  name?: string
  /** @default '/' */
  path?: string
  /** Share it with subdomains, e.g. `'example.com'`. @default this host only */
  domain?: string
  /** Seconds. @default 1 year */
  maxAge?: number
}

/** The context as the cookie's value: `a` anonymousId, `u` userId, `c` conversationId, `s` consent. */
const contextValue = (client: Pick<CopilotAnalytics, 'getState'>): string => {
  const { identity, conversation, consent } = client.getState()
  const fields: Record<string, string> = { a: identity.anonymousId, c: conversation.id, s: consent ?? 'granted' }
  if (identity.userId) fields.u = identity.userId
  return new URLSearchParams(fields).toString()
}

/**
 * Opt-in: keeps a first-party cookie with the client's context (anonymous ID, user ID, conversation ID, consent),
 * so `forRequest()` on the server knows the visitor where the app sets no headers (server actions, React Server
 * Components). Written now and then only when the context changes; `SameSite=Lax`, `Secure` on https.
 * Returns the function that stops it. Does nothing (and never throws) outside a browser.
 */
export function syncCopilotCookie(
  client: Pick<CopilotAnalytics, 'getState' | 'subscribe'>,
  options: CopilotCookieOptions = {},
): () => void {
  if (typeof document === 'undefined') return () => {}
  const { name = COPILOT_COOKIE, path = '/', domain, maxAge = 31_536_000 } = options
  let written: string | undefined
  const write = () => {
    try {
      const value = contextValue(client)
      if (value === written) return
      written = value
      const secure = typeof location !== 'undefined' && location.protocol === 'https:' ? '; Secure' : ''
      // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser yet
      document.cookie = `${name}=${value}; Path=${path}; Max-Age=${maxAge}; SameSite=Lax${secure}${domain ? `; Domain=${domain}` : ''}`
    } catch {
      // cookies blocked: the server sees no context for actions and components, and tracks nothing more
    }
  }
  write()
  return client.subscribe(write)
}
