import { type RenderOptions, type RenderResult, render } from '@testing-library/react'
import type { JSXElementConstructor, ReactElement, ReactNode } from 'react'
import type { CopilotEvent } from '../core/types'
import { CopilotAnalyticsProvider } from '../react/CopilotAnalyticsProvider'
import {
  createTestCopilotAnalytics,
  type TestCopilotAnalytics,
  type TestCopilotAnalyticsOptions,
} from './createTestCopilotAnalytics'

/** Options of {@link renderWithCopilotAnalytics}: Testing Library's render options plus the analytics setup. */
export interface RenderWithCopilotAnalyticsOptions extends Omit<RenderOptions, 'queries'> {
  /** Use this test client (e.g. to share one across renders); by default a fresh one per call. */
  analytics?: TestCopilotAnalytics
  /** Options of the fresh test client (ignored when `analytics` is given). */
  analyticsOptions?: TestCopilotAnalyticsOptions
  /** A controlled conversation ID, as `<CopilotAnalyticsProvider conversationId>`. */
  conversationId?: string
}

/** What {@link renderWithCopilotAnalytics} returns: Testing Library's result plus the client and its events. */
export interface RenderWithCopilotAnalyticsResult extends RenderResult {
  /** The test client the tree tracks into. */
  analytics: TestCopilotAnalytics
  /** Its recorded events (live: read after acting). */
  events: readonly CopilotEvent[]
}

/**
 * Renders `ui` inside a `<CopilotAnalyticsProvider>` with a fresh in-memory test client (or yours), for
 * @testing-library/react. Your own `wrapper` goes inside the provider, so it can use the hooks too.
 *
 * ```tsx
 * const { analytics } = renderWithCopilotAnalytics(<Chat />)
 * await userEvent.click(screen.getByRole('button', { name: 'Send' }))
 * expect(analytics).toHaveTrackedEvent('Message Sent', { role: 'customer' })
 * ```
 */
export function renderWithCopilotAnalytics(
  ui: ReactElement,
  options: RenderWithCopilotAnalyticsOptions = {},
): RenderWithCopilotAnalyticsResult {
  const { analytics: given, analyticsOptions, conversationId, wrapper: Inner, ...renderOptions } = options
  const analytics = given ?? createTestCopilotAnalytics(analyticsOptions)
  // biome-ignore lint/correctness/noComponentHookFactories: the wrapper closes over this render's client, as Testing Library's wrappers do
  const Wrapper = ({ children }: { children?: ReactNode }): ReactNode => (
    <CopilotAnalyticsProvider client={analytics} {...(conversationId === undefined ? {} : { conversationId })}>
      {Inner ? <Inner>{children}</Inner> : children}
    </CopilotAnalyticsProvider>
  )
  const result = render(ui, { ...renderOptions, wrapper: Wrapper as JSXElementConstructor<{ children: ReactNode }> })
  return Object.assign(result, { analytics, events: analytics.events })
}
