import type { CopilotAnalytics } from './types'

/** The request headers that carry the browser's context to the server (`copilot-analytics/server` reads them). */
export const COPILOT_HEADER = {
  anonymousId: 'x-copilot-anonymous-id',
  userId: 'x-copilot-user-id',
  conversationId: 'x-copilot-conversation-id',
  consent: 'x-copilot-consent',
} as const

/**
 * The browser's context as request headers: anonymous ID, user ID (when known), current conversation ID and
 * consent, each URI-encoded (a header value must be ISO-8859-1; a user ID may not be). Pass them with `fetch` or
 * the AI SDK's transport, so `forRequest(request)` on the server tracks as the same visitor and conversation:
 *
 * ```ts
 * new DefaultChatTransport({ api: '/api/chat', headers: () => copilotHeaders(client) })
 * ```
 * Never throws: a client that cannot be read gives `{}` (the server then sees no context).
 */
export function copilotHeaders(client: Pick<CopilotAnalytics, 'getState'>): Record<string, string> {
  try {
    const { identity, conversation, consent } = client.getState()
    const headers: Record<string, string> = {
      [COPILOT_HEADER.anonymousId]: encodeURIComponent(identity.anonymousId),
      [COPILOT_HEADER.conversationId]: encodeURIComponent(conversation.id),
      [COPILOT_HEADER.consent]: consent ?? 'granted',
    }
    if (identity.userId) headers[COPILOT_HEADER.userId] = encodeURIComponent(identity.userId)
    return headers
  } catch {
    return {}
  }
}
