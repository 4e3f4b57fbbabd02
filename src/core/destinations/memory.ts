import type { CopilotEvent, Destination } from '../types'

/** A destination that keeps events in memory: for tests, stories and previews. */
export interface MemoryDestination extends Destination {
  /** Every event received, oldest first. */
  readonly events: readonly CopilotEvent[]
  /** Forgets the events received so far. */
  clear(): void
}

/** Creates a destination that records events in memory instead of sending them. */
export function memoryDestination(): MemoryDestination {
  const events: CopilotEvent[] = []
  return {
    events,
    send(event) {
      events.push(event)
      return Promise.resolve({ delivered: true, status: 'delivered' })
    },
    clear() {
      events.length = 0
    },
  }
}
