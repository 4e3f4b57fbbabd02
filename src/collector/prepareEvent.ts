import { isRecord } from '../shared/guards'
import { checkSegmentCall } from './segmentCall'
import { toEventRow } from './toEventRow'
import type { EventRow } from './types'
import { MAX_EVENT_DEPTH, TOO_DEEP, wellFormed, wellFormedString } from './wellFormed'

/** One received call turned into the row to store, or why it is refused (a client mistake: 400). */
export type PreparedEvent =
  | { readonly ok: true; readonly row: EventRow }
  | { readonly ok: false; readonly error: string; readonly messageId: string | null }

/** Where and when a call arrived. */
export interface Arrival {
  /** The type the endpoint implies (`/v1/t` → track); none for a batch item. */
  readonly pathType?: string | undefined
  /** The fingerprint of the sender's write key (see `writeKeyId`). */
  readonly writeKeyId: string
  readonly receivedAt: Date
}

const messageIdOf = (value: unknown) => {
  const id = typeof value === 'object' && value !== null ? (value as { messageId?: unknown }).messageId : undefined
  return typeof id === 'string' ? wellFormedString(id) : null
}

/**
 * Validates and converts one call before it joins a shared commit, so a bad call is refused on its own and never
 * fails the others: too deep, not a Segment call, over 32 KB, or anything the conversion throws. Every string is
 * made well-formed and the `writeKey` a body may carry is dropped: the key is never stored.
 */
export function prepareEvent(value: unknown, arrival: Arrival): PreparedEvent {
  const messageId = messageIdOf(value)
  try {
    const clean = wellFormed(value)
    if (clean === TOO_DEEP) {
      return { ok: false, messageId, error: `event nests deeper than ${MAX_EVENT_DEPTH} levels` }
    }
    if (isRecord(clean) && 'writeKey' in clean) {
      delete (clean as { writeKey?: unknown }).writeKey
    }
    const check = checkSegmentCall(clean, arrival.pathType)
    if (!check.ok) return { ok: false, messageId, error: check.error }
    return { ok: true, row: toEventRow(check.call, arrival.writeKeyId, arrival.receivedAt, check.text) }
  } catch (error) {
    return {
      ok: false,
      messageId,
      error: `event could not be read: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
}
