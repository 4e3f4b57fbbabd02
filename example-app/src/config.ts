/** Runtime config injected by the example server into index.html. */
export interface ExampleConfig {
  destination: 'collector' | 'segment'
  segmentWriteKey?: string
  model: string
}

declare global {
  interface Window {
    __EXAMPLE_CONFIG__?: ExampleConfig
  }
}

/** The server's config, or the local-collector default (e.g. under `vite dev`). */
export function readConfig(): ExampleConfig {
  return window.__EXAMPLE_CONFIG__ ?? { destination: 'collector', model: 'scripted-stocks-1' }
}

/** Provider options: the embedded collector on this origin, or Segment when the server has a write key. */
export function analyticsOptions(config: ExampleConfig): { apiHost: string } | { writeKey: string } {
  if (config.destination === 'segment' && config.segmentWriteKey) return { writeKey: config.segmentWriteKey }
  return { apiHost: `${window.location.origin}/v1` }
}
