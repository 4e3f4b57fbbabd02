import { createElement, type ReactNode, useEffect, useState } from 'react'
import { type CopilotAnalytics, type CopilotAnalyticsOptions, createCopilotAnalytics } from '../core'
import { CopilotAnalyticsContext } from './context'
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect'

/** Props of {@link CopilotAnalyticsProvider}: a client, or the options to create one. */
export interface CopilotAnalyticsProviderProps extends CopilotAnalyticsOptions {
  /** A client made with `createCopilotAnalytics`; when given, the other options are ignored. */
  client?: CopilotAnalytics
  /**
   * Controlled conversation: the app owns the conversation ID (from the route, a chat list...).
   * Changing it switches the current conversation; leave it out to let the kit keep one in `newChatId`.
   */
  conversationId?: string
  children?: ReactNode
}

/**
 * Holds the analytics client for its subtree: identity, the current conversation and the engine to the
 * destination. Creates its client once per mount (options are read on mount; `consent` and `conversationId`
 * follow their props). Renders on the server without sending anything.
 */
export function CopilotAnalyticsProvider(props: CopilotAnalyticsProviderProps): ReactNode {
  // conversationId stays in the options so the client starts in it (undefined, like any unset option, means none)
  const { client: given, children, ...options } = props
  const { conversationId, consent } = options
  const [own] = useState(() => (given ? null : createCopilotAnalytics(options)))
  const client = (given ?? own) as CopilotAnalytics

  // layout effects run before any child's useEffect, so children's first events see the right conversation
  useIsomorphicLayoutEffect(() => {
    if (conversationId !== undefined) client.startConversation(conversationId, { controlled: true })
  }, [client, conversationId])
  useIsomorphicLayoutEffect(() => client.start(), [client])

  useEffect(() => {
    if (consent) client.setConsent(consent)
  }, [client, consent])

  // createElement, not JSX: the react import the module has anyway, no import of react/jsx-runtime in the first
  // bundle (~0.02 KB). Children as a prop, as JSX passes them.
  return createElement(CopilotAnalyticsContext.Provider, { value: client, children })
}
