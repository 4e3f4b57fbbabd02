import type { CopilotEvent, DeliveryResult, EventRecord } from '../core/types'
import type { SpecProblem } from '../spec'

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

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined)

const describeError = (error: unknown): string | undefined => {
  if (error === undefined || error === null) return undefined
  return error instanceof Error ? error.message : String(error)
}

const fromDelivery = (result: DeliveryResult): Pick<DevtoolsEntry, 'delivery' | 'reason'> => {
  const delivery: DevtoolsDelivery = result.status ?? (result.delivered ? 'accepted' : 'failed')
  const reason = describeError(result.error)
  return reason === undefined ? { delivery } : { delivery, reason }
}

/** Creates an event log keeping the last `max` events. */
export function createEventLog(max = 500): EventLog {
  const listeners = new Set<() => void>()
  let snapshot: EventLogSnapshot = { entries: [], paused: false, skipped: 0 }
  let nextId = 1

  const publish = (next: Partial<EventLogSnapshot>) => {
    snapshot = { ...snapshot, ...next }
    for (const listener of listeners) listener()
  }

  const update = (id: number, change: Pick<DevtoolsEntry, 'delivery' | 'reason'>) => {
    // the entry may have been cleared or pushed out meanwhile: then there is nothing to update
    if (!snapshot.entries.some((entry) => entry.id === id)) return
    publish({ entries: snapshot.entries.map((entry) => (entry.id === id ? { ...entry, ...change } : entry)) })
  }

  return {
    record(record) {
      if (snapshot.paused) {
        publish({ skipped: snapshot.skipped + 1 })
        return
      }
      const { event } = record
      const properties = event.type === 'track' ? event.properties : {}
      const conversationId = text(properties.conversationId)
      const messageId = text(properties.messageId)
      const delivery: DevtoolsDelivery = record.status === 'sent' ? 'sending' : record.status
      const entry: DevtoolsEntry = {
        id: nextId++,
        time: Date.now(),
        name: event.type === 'track' ? event.event : 'Identify',
        event,
        problems: record.problems,
        delivery,
        ...(conversationId === undefined ? {} : { conversationId }),
        ...(messageId === undefined ? {} : { messageId }),
        ...(record.reason === undefined ? {} : { reason: record.reason }),
      }
      const entries = [...snapshot.entries, entry]
      publish({ entries: entries.length > max ? entries.slice(entries.length - max) : entries })
      record.delivery?.then(
        (result) => update(entry.id, fromDelivery(result)),
        (error: unknown) => update(entry.id, { delivery: 'failed', reason: describeError(error) ?? 'failed' }),
      )
    },
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    clear() {
      publish({ entries: [], skipped: 0 })
    },
    setPaused(paused) {
      if (paused !== snapshot.paused) publish({ paused })
    },
  }
}
