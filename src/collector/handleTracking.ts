/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBody, sendJson, writeKeyOf } from './http'
import type { LiveFeed } from './liveFeed'
import type { EventStore } from './openEventStore'
import { prepareEvent } from './prepareEvent'
import { sameKey, writeKeyId } from './requestGuard'
import { MAX_EVENT_BYTES, typeOfPath } from './segmentCall'
import type { EventRow } from './types'

/** Segment rejects a batch request over 500 KB with 413. */
export const MAX_BATCH_BYTES = 500 * 1024

/** What the tracking endpoints need from their collector. */
export interface TrackingContext {
  readonly store: EventStore
  readonly feed: LiveFeed
  /** Only this key is accepted, when set. */
  readonly writeKey: string | undefined
}

/** One call of a batch that was not stored, and why. */
export interface RejectedCall {
  readonly index: number
  readonly messageId: string | null
  readonly error: string
}

/** The paths of Segment's HTTP Tracking API that the collector answers (anything else under /v1/ is a 404). */
export function isTrackingPath(kind: string): boolean {
  return typeOfPath(kind) !== undefined || kind === 'b' || kind === 'batch' || kind === 'm' || kind === 'metrics'
}

const parse = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

const storeRows = async (ctx: TrackingContext, rows: EventRow[]) => {
  const inserted = await ctx.store.insert(rows)
  const fresh = rows.filter((row) => inserted.delete(`${row.write_key}\n${row.message_id}`))
  ctx.feed.publish(fresh)
  return fresh.length
}

/**
 * Segment's HTTP Tracking API: `POST /v1/{t,i,p,s,a,g}` (and their long names), `/v1/b` and `/v1/batch`,
 * `/v1/m` (metrics, accepted and discarded). Each call is validated and converted on its own before it joins the
 * shared commit: a bad call alone is a 400, in a batch it is listed in `rejected` and the others are stored.
 * Answers 200 only once the events are committed; only a storage failure is a 500, so that senders retry.
 */
export async function handleTracking(
  req: IncomingMessage,
  res: ServerResponse,
  kind: string,
  ctx: TrackingContext,
): Promise<void> {
  const isBatch = kind === 'b' || kind === 'batch'
  // a single call over 500 KB is certainly over 32 KB; the exact 32 KB check is on the parsed call
  const body = await readBody(req, MAX_BATCH_BYTES)
  if (kind === 'm' || kind === 'metrics') return sendJson(res, 200, { success: true })
  if (body.badEncoding !== undefined) return sendJson(res, body.status, { error: body.badEncoding })
  if (body.tooLarge) {
    return isBatch
      ? sendJson(res, 413, { error: 'batch over 500 KB' })
      : sendJson(res, 400, { error: `event over Segment's ${MAX_EVENT_BYTES / 1024} KB limit` })
  }
  const parsed = parse(body.text)
  const bodyKey =
    parsed.ok && typeof parsed.value === 'object' && parsed.value !== null
      ? (parsed.value as { writeKey?: unknown }).writeKey
      : undefined
  const writeKey = writeKeyOf(req) ?? (typeof bodyKey === 'string' && bodyKey !== '' ? bodyKey : undefined)
  if (ctx.writeKey !== undefined && !sameKey(writeKey, ctx.writeKey)) {
    return sendJson(res, 401, {
      error: writeKey ? 'wrong write key' : 'missing write key (Authorization: Basic base64(writeKey:))',
    })
  }
  if (!parsed.ok) return sendJson(res, 400, { error: 'malformed JSON body' })
  const arrival = { writeKeyId: writeKeyId(writeKey), receivedAt: new Date() }

  const rows: EventRow[] = []
  const rejected: RejectedCall[] = []
  if (!isBatch) {
    const prepared = prepareEvent(parsed.value, { ...arrival, pathType: typeOfPath(kind) })
    if (!prepared.ok) return sendJson(res, 400, { error: prepared.error })
    rows.push(prepared.row)
  } else {
    const batch = (parsed.value as { batch?: unknown } | null)?.batch
    if (!Array.isArray(batch)) return sendJson(res, 400, { error: 'a batch body needs a "batch" array' })
    batch.forEach((item: unknown, index) => {
      const prepared = prepareEvent(item, arrival)
      if (prepared.ok) rows.push(prepared.row)
      else rejected.push({ index, messageId: prepared.messageId, error: prepared.error })
    })
  }

  let stored: number
  try {
    stored = await storeRows(ctx, rows)
  } catch (error) {
    return sendJson(res, 500, {
      error: `could not store the events: ${error instanceof Error ? error.message : String(error)}`,
    })
  }
  if (!isBatch) return sendJson(res, 200, { success: true, stored, duplicates: 1 - stored })
  const status = rows.length === 0 && rejected.length > 0 ? 400 : 200
  return sendJson(res, status, { success: status === 200, stored, duplicates: rows.length - stored, rejected })
}
