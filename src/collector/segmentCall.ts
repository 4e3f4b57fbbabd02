import { isRecord } from '../shared/guards'
import { SEGMENT_EVENT_LIMIT_BYTES } from '../shared/wire'

/** The Segment call types the collector stores, by their short path letter and long name. */
const TYPES_BY_PATH: Readonly<Record<string, string>> = {
  t: 'track',
  track: 'track',
  i: 'identify',
  identify: 'identify',
  p: 'page',
  page: 'page',
  s: 'screen',
  screen: 'screen',
  a: 'alias',
  alias: 'alias',
  g: 'group',
  group: 'group',
}

/** `t` → `track`, `identify` → `identify`; undefined for a path that is not a single-call endpoint. */
export function typeOfPath(segment: string): string | undefined {
  return TYPES_BY_PATH[segment]
}

/** Segment rejects an event over 32 KB; so does the collector, one call at a time. */
export const MAX_EVENT_BYTES = SEGMENT_EVENT_LIMIT_BYTES

/** A Segment call as received: a plain JSON object. */
export type SegmentCall = Record<string, unknown>

/** A call the collector accepts, or why it does not. */
export type CallCheck =
  | {
      readonly ok: true
      readonly call: SegmentCall
      /** The call's JSON text, written for its size check, when `call` is the value checked. */
      readonly text: string | undefined
    }
  | { readonly ok: false; readonly error: string }

const present = (value: unknown) => (typeof value === 'string' && value !== '') || typeof value === 'number'

/**
 * Checks that `value` is a Segment call (not that it follows the AI Copilot spec: that is the verdict's job).
 * `pathType` is the type the endpoint implies (`/v1/t` → track) when the body does not say.
 */
export function checkSegmentCall(value: unknown, pathType?: string): CallCheck {
  if (!isRecord(value)) return { ok: false, error: 'a Segment call must be a JSON object' }
  const text = JSON.stringify(value)
  const size = Buffer.byteLength(text, 'utf8')
  if (size > MAX_EVENT_BYTES) return { ok: false, error: `event is ${size} bytes, over Segment's 32 KB limit` }
  const type = value.type ?? pathType
  if (typeof type !== 'string' || !Object.values(TYPES_BY_PATH).includes(type)) {
    return {
      ok: false,
      error: `unknown call type ${JSON.stringify(type)}; expected track, identify, page, screen, alias or group`,
    }
  }
  if (pathType !== undefined && type !== pathType) {
    return { ok: false, error: `a ${type} call was sent to the ${pathType} endpoint` }
  }
  if (!present(value.userId) && !present(value.anonymousId)) {
    return { ok: false, error: 'a Segment call needs a userId or an anonymousId' }
  }
  if (type === 'track' && (typeof value.event !== 'string' || value.event.trim() === '')) {
    return { ok: false, error: 'a track call needs an event name' }
  }
  for (const field of ['properties', 'traits', 'context'] as const) {
    if (value[field] !== undefined && value[field] !== null && !isRecord(value[field])) {
      return { ok: false, error: `${field} must be an object` }
    }
  }
  return type === value.type ? { ok: true, call: value, text } : { ok: true, call: { ...value, type }, text: undefined }
}
