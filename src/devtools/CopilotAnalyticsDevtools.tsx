import { lazy, type ReactNode, Suspense, useContext, useState } from 'react'
import { CopilotAnalyticsContext } from '../react/context'
import { useIsomorphicLayoutEffect } from '../react/useIsomorphicLayoutEffect'
import { isDevelopment } from '../shared/isDevelopment'
import { createEventLog } from './createEventLog'
import type { CopilotAnalyticsDevtoolsProps } from './types'

// the panel is its own chunk: nothing of it is loaded until the devtools render in development
const DevtoolsPanel = lazy(() => import('./DevtoolsPanel'))

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
