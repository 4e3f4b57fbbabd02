import type { DeliveryResult } from '../core/types'
import { nonEmptyString } from '../shared/guards'
import type { DevtoolsDelivery, DevtoolsEntry, EventLog, EventLogSnapshot } from './types'

const text = (value: unknown): string | undefined => (nonEmptyString(value) ? value : undefined)

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
