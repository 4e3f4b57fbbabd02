import { v7 as uuidv7 } from 'uuid'
import { isRecord } from '../shared/guards'
import type { SegmentCall } from './segmentCall'
import type { EventRow } from './types'
import { verdictOf } from './verdictOf'

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null

const object = (value: unknown): Record<string, unknown> | null => (isRecord(value) ? value : null)

// what DuckDB's TRY_CAST(... AS DOUBLE) reads as a number, so a typed column and the JSON agree
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i

const ratingOf = (value: unknown): number | null => {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && DECIMAL.test(value) ? Number(value) : NaN
  return Number.isFinite(number) ? number : null
}

/**
 * A timestamp as UTC ISO (DuckDB's TIMESTAMP would drop an offset), or undefined when it is not a date or falls
 * outside years 0–9999, which a TIMESTAMP column cannot hold (the call keeps it in `raw`).
 */
const isoOf = (value: unknown): string | undefined => {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return undefined
  const year = date.getUTCFullYear()
  return year >= 0 && year <= 9999 ? date.toISOString() : undefined
}

/** Key of a row's `raw` as JSON text, when the call's size check wrote it already (JSON.stringify skips it). */
export const RAW_TEXT: unique symbol = Symbol('raw as JSON text')

/** A row as the write path makes it: the store writes its `raw` text as it is, when the row carries it. */
export type PreparedRow = EventRow & { readonly [RAW_TEXT]?: string | undefined }

/**
 * Turns one checked Segment call into its `events` row, with the spec's verdict beside it. `writeKeyId` is the
 * key's fingerprint, never the key; `callText` is the call's JSON text when it was written already.
 */
export function toEventRow(
  call: SegmentCall,
  writeKeyId: string,
  receivedAt: Date,
  callText?: string | undefined,
): PreparedRow {
  const properties = object(call.properties)
  const received = receivedAt.toISOString()
  const messageId = text(call.messageId) ?? `collector-${uuidv7()}`
  // the call is stored as it came unless its message ID had to be made or read as text
  const rawIsCall = call.messageId === messageId
  const { valid, problems } = verdictOf(call)
  return {
    message_id: messageId,
    type: String(call.type),
    event: call.type === 'track' ? text(call.event) : null,
    conversation_id: text(properties?.conversationId),
    chat_message_id: text(properties?.messageId),
    user_id: text(call.userId),
    anonymous_id: text(call.anonymousId),
    timestamp: isoOf(call.timestamp) ?? received,
    received_at: received,
    properties,
    traits: object(call.traits),
    context: object(call.context),
    raw: rawIsCall ? call : { ...call, messageId },
    [RAW_TEXT]: rawIsCall ? callText : undefined,
    write_key: writeKeyId,
    valid,
    problems,
    role: typeof properties?.role === 'string' && properties.role !== '' ? properties.role : null,
    rating: ratingOf(properties?.rating),
  }
}
