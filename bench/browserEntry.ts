// Bundled by bench/chromium.ts into the page Chromium loads: exposes the per-event benchmark on `window`.
import { type PerEventOptions, type PerEventResult, perEvent } from './perEvent'

declare global {
  interface Window {
    runPerEvent(options: Omit<PerEventOptions, 'drain'>): Promise<PerEventResult>
  }
}

/** Polls the bench server (same origin) until it has received `count` track calls. */
const drain = async (count: number) => {
  const deadline = Date.now() + 60_000
  for (;;) {
    const { tracks } = (await (await fetch('/count')).json()) as { tracks: number }
    if (tracks >= count) return
    if (Date.now() > deadline) throw new Error(`sink: ${tracks} of ${count} track calls in 60 s`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

window.runPerEvent = (options) => perEvent({ ...options, drain })
