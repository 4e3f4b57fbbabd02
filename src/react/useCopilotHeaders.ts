import { useEffect, useMemo } from 'react'
import { copilotHeaders } from '../core/copilotHeaders'
import { type CopilotCookieOptions, syncCopilotCookie } from '../core/syncCopilotCookie'
import { useClient } from './useClient'

/**
 * A stable function returning the provider's context as request headers (see `copilotHeaders`), for `fetch` and
 * the AI SDK's transport: `new DefaultChatTransport({ headers: getHeaders })`. With `{ cookie: true }` (or cookie
 * options) it also keeps the context cookie for server actions and Server Components (see `syncCopilotCookie`).
 */
export function useCopilotHeaders(options?: { cookie?: boolean | CopilotCookieOptions }): () => Record<string, string> {
  const client = useClient(useCopilotHeaders)
  const cookie = options?.cookie
  // options as a key: an inline object each render must not rewrite the cookie
  const cookieKey = typeof cookie === 'object' ? JSON.stringify(cookie) : cookie ? '{}' : ''
  useEffect(() => (cookieKey ? syncCopilotCookie(client, JSON.parse(cookieKey)) : undefined), [client, cookieKey])
  return useMemo(() => () => copilotHeaders(client), [client])
}
