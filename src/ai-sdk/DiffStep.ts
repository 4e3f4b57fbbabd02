import type { ChatEvent } from './ChatEvent'
import type { WorkingMemory } from './ChatMemory'
import type { ChatAnalyticsOptions } from './types'

/** One diff in progress: the memory it changes, what it lists, and the options and time it runs with. */
export interface DiffStep {
  readonly memory: WorkingMemory
  readonly options: ChatAnalyticsOptions
  /** The commit's time (monotonic, ms). */
  readonly now: number
  /** The events the change calls for, in the order they are to be sent. */
  readonly events: ChatEvent[]
  /** What went wrong in the app's own functions (`tools.*.action`, `tools.*.component`), for a console warning. */
  readonly warnings: { readonly message: string; readonly error: unknown }[]
}

/** Calls an app-provided function; if it throws, notes a warning and uses the fallback (never throws). */
export function attempt<T>(step: DiffStep, what: string, fn: () => T, fallback: T): T {
  try {
    return fn()
  } catch (error) {
    step.warnings.push({ message: `${what} threw; using the default`, error })
    return fallback
  }
}
