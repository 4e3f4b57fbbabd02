// The devtools' option and record types, in one module that imports no implementation: the component, the lazy
// panel and the event log import their types from here, not from each other.
import type { CopilotAnalytics, CopilotEvent, EventRecord } from '../core/types'
import type { SpecProblem } from '../spec'

/** Where the devtools float. */
export type DevtoolsPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left'

/** Props of `CopilotAnalyticsDevtools`. */
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

/** Where an event stands in the devtools: the pipeline's status, then analytics-next's delivery verdict. */
export type DevtoolsDelivery = 'sending' | 'delivered' | 'retrying' | 'failed' | 'accepted' | 'held' | 'dropped'

/** One row of the devtools. */
export interface DevtoolsEntry {
  /** Increasing, unique within one log. */
  readonly id: number
  /** When the pipeline handed the event on (ms since epoch). */
  readonly time: number
  /** The track event's name, or "Identify". */
  readonly name: string
  readonly conversationId?: string
  readonly messageId?: string
  readonly event: CopilotEvent
  /** The spec validator's verdict: empty when valid (or when validation is off). */
  readonly problems: readonly SpecProblem[]
  readonly delivery: DevtoolsDelivery
  /** Why it was held or dropped, or the delivery error. */
  readonly reason?: string
}

/** What the panel renders: a new object whenever anything changes. */
export interface EventLogSnapshot {
  readonly entries: readonly DevtoolsEntry[]
  readonly paused: boolean
  /** Events that arrived while paused (not recorded). */
  readonly skipped: number
}

/** A bounded, observable list of the events a client sends; the devtools panel reads it. */
export interface EventLog {
  /** Pass to `client.listen`. */
  record(record: EventRecord): void
  getSnapshot(): EventLogSnapshot
  subscribe(listener: () => void): () => void
  clear(): void
  setPaused(paused: boolean): void
}

/** Props of the lazy panel (rendered by `CopilotAnalyticsDevtools`). */
export interface DevtoolsPanelProps {
  log: EventLog
  initialIsOpen: boolean
  position: DevtoolsPosition
  /** False when no client was found: the panel says so instead of staying silently empty. */
  connected: boolean
}
