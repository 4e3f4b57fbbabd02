import { lazy, type ReactNode, Suspense, useContext, useState } from 'react'
import { isDevelopment } from '../core/isDevelopment'
import type { CopilotAnalytics } from '../core/types'
import { CopilotAnalyticsContext } from '../react/context'
import { useIsomorphicLayoutEffect } from '../react/useIsomorphicLayoutEffect'
import { createEventLog } from './createEventLog'

// the panel is its own chunk: nothing of it is loaded until the devtools render in development
const DevtoolsPanel = lazy(() => import('./DevtoolsPanel'))

/** Where the devtools float. */
export type DevtoolsPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left'

/** Props of {@link CopilotAnalyticsDevtools}. */
export interface CopilotAnalyticsDevtoolsProps {
  /**
   * Render in production builds too (e.g. behind your own staff-only flag).
   * @default false
   */
  force?: boolean
  /**
   * Start with the panel open.
   * @default false
   */
  initialIsOpen?: boolean
  /** @default 'bottom-right' */
  position?: DevtoolsPosition
  /**
   * Events kept; older ones are dropped from the list.
   * @default 500
   */
  maxEvents?: number
  /** The client to inspect; by default the one of the surrounding `<CopilotAnalyticsProvider>`. */
  client?: CopilotAnalytics
}

/**
 * A floating, collapsible inspector of the events your app sends: name, time, conversation, message,
 * properties, the spec validator's verdict and analytics-next's delivery result. Filter, pause, clear, copy
 * as JSON. Renders nothing in production builds unless `force`; the panel itself is lazy-loaded.
 */
export function CopilotAnalyticsDevtools(props: CopilotAnalyticsDevtoolsProps): ReactNode {
  const { force = false, initialIsOpen = false, position = 'bottom-right', maxEvents = 500 } = props
  const fromContext = useContext(CopilotAnalyticsContext)
  const client = props.client ?? fromContext
  const [log] = useState(() => (force || isDevelopment() ? createEventLog(maxEvents) : null))
  // listening starts here, not in the lazy panel, so the events sent while it loads are not missed; a layout
  // effect runs before the provider's own, so the provider's first identify is listed too
  useIsomorphicLayoutEffect(() => (log && client ? client.listen(log.record) : undefined), [log, client])
  if (!log) return null
  return (
    <Suspense fallback={null}>
      <DevtoolsPanel log={log} initialIsOpen={initialIsOpen} position={position} connected={client !== null} />
    </Suspense>
  )
}
