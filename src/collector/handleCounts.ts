/// <reference types="node" />
import type { ServerResponse } from 'node:http'
import { sendJson } from './http'
import type { EventStore } from './openEventStore'

/** Stored events by name (the track event, or the call type) with how many break the spec. */
export const COUNTS_SQL = `SELECT coalesce(event, type) AS name, count(*) AS count, count(*) FILTER (WHERE NOT valid) AS invalid
FROM events GROUP BY ALL ORDER BY count DESC, name`

/** `GET /api/counts`: `{ total, invalid, events: [{ name, count, invalid }] }` over every stored event. */
export async function handleCounts(res: ServerResponse, store: EventStore): Promise<void> {
  const events = (await store.query(COUNTS_SQL)) as { name: string; count: number; invalid: number }[]
  let total = 0
  let invalid = 0
  for (const row of events) {
    total += row.count
    invalid += row.invalid
  }
  sendJson(res, 200, { total, invalid, events })
}
