// A page that uses the provider, for delivery tests driven by playwright-core: `window.probe.track` sends
// through the kit → analytics-next → the collector named in the query string.
import { useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { CopilotAnalyticsProvider, useTrack } from '../../../src'

declare global {
  interface Window {
    probe?: { track(event: string, properties?: Record<string, unknown>): void }
  }
}

function Probe() {
  const track = useTrack()
  useEffect(() => {
    window.probe = { track: track as (event: string, properties?: Record<string, unknown>) => void }
  }, [track])
  return <p>probe ready</p>
}

const params = new URLSearchParams(location.search)
const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <CopilotAnalyticsProvider writeKey={params.get('writeKey') ?? 'dev'} apiHost={params.get('apiHost') ?? ''}>
      <Probe />
    </CopilotAnalyticsProvider>,
  )
}
