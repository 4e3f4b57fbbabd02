import { isHighSurrogate, isLowSurrogate } from '../shared/wire'
import { utf8Length } from './sanitize'

/** Number of code points (user-visible characters, emoji counted once) in a string. */
export function characterCount(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (isHighSurrogate(code) && i + 1 < text.length) i++
    count++
  }
  return count
}

/** UTF-8 bytes of `value` serialised as JSON, as analytics-next sends it (escapes included). */
export const jsonBytes = (value: unknown): number => utf8Length(JSON.stringify(value) ?? '')

/**
 * The longest prefix of `text` whose JSON string form (without its quotes) takes at most `maxBytes` UTF-8 bytes,
 * counted as JSON.stringify escapes it: `"` and `\` and \b \t \n \f \r take 2, other control characters and lone
 * surrogates 6 (`\u001f`), then 1 to 4 by UTF-8. Never splits a surrogate pair.
 */
export function truncateToJsonBytes(text: string, maxBytes: number): string {
  let bytes = 0
  let end = 0
  while (end < text.length) {
    const code = text.charCodeAt(end)
    const pair = isHighSurrogate(code) && end + 1 < text.length && isLowSurrogate(text.charCodeAt(end + 1))
    let size: number
    if (code === 0x22 || code === 0x5c || (code >= 8 && code <= 13 && code !== 11)) size = 2
    else if (code < 0x20) size = 6
    else if (code < 0x80) size = 1
    else if (code < 0x800) size = 2
    else if (pair) size = 4
    else size = isHighSurrogate(code) || isLowSurrogate(code) ? 6 : 3
    if (bytes + size > maxBytes) break
    bytes += size
    end += pair ? 2 : 1
  }
  return text.slice(0, end)
}

/** Why `fitEvent` changed or dropped a field. */
export type FitProblem = 'cut to fit' | 'too large, dropped'

/** Track properties or identify traits, and the event's own strings, as {@link fitEvent} sees them. */
interface Fields {
  /** `event` (track), `userId`, `anonymousId`. */
  readonly ids: Record<string, unknown>
  readonly bag: Record<string, unknown>
}

/**
 * Makes a JSON-safe event fit `maxBytes` serialised: first any field (property, trait, ID) over a quarter of the
 * budget is cut (a string) or dropped (anything else); then `message_body` is cut to what is left, measured on its
 * serialised form so it keeps as much as fits, and marked `message_body_truncated` / `message_body_length`; then,
 * if the other fields alone are still over, the largest are dropped until it fits. `report` names each field
 * changed. Returns the event (unchanged when it fits), or null when even its IDs do not fit.
 */
export function fitEvent<E extends { type: string; properties?: unknown; traits?: unknown }>(
  event: E,
  maxBytes: number,
  report: (field: string, problem: FitProblem) => void,
): E | null {
  if (jsonBytes(event) <= maxBytes) return event
  const key = event.type === 'track' ? 'properties' : 'traits'
  const bag: Record<string, unknown> = { ...(event[key] as Record<string, unknown>) }
  const ids: Record<string, unknown> = {}
  for (const id of ['event', 'userId', 'anonymousId'])
    if (typeof event[id as keyof E] === 'string') ids[id] = event[id as keyof E]
  const fieldMax = Math.floor(maxBytes / 4)
  const capField = (record: Record<string, unknown>, name: string, path: string) => {
    const value = record[name]
    if (jsonBytes(value) + jsonBytes(name) <= fieldMax) return
    if (typeof value === 'string') record[name] = truncateToJsonBytes(value, fieldMax - jsonBytes(name) - 2)
    else delete record[name]
    report(path, typeof value === 'string' ? 'cut to fit' : 'too large, dropped')
  }
  for (const name of Object.keys(ids)) capField(ids, name, name)
  for (const name of Object.keys(bag)) if (name !== 'message_body') capField(bag, name, `${key}.${name}`)

  const build = (fields: Fields): E => ({ ...event, ...fields.ids, [key]: fields.bag })
  const body = bag.message_body
  const fields: Fields = { ids, bag }
  for (;;) {
    if (typeof body === 'string' && jsonBytes(build(fields)) > maxBytes) {
      // the body gets what the rest leaves: measured with it empty and the markers set
      const original =
        bag.message_body_truncated === true && typeof bag.message_body_length === 'number'
          ? bag.message_body_length
          : characterCount(body)
      Object.assign(bag, { message_body: '', message_body_truncated: true, message_body_length: original })
      const room = maxBytes - jsonBytes(build(fields))
      if (room >= 0) bag.message_body = truncateToJsonBytes(body, room)
    }
    if (jsonBytes(build(fields)) <= maxBytes) return build(fields)
    // the other fields alone are over: the largest goes (never the body or its markers), then the body again
    let largest: string | undefined
    let largestBytes = -1
    for (const name of Object.keys(bag)) {
      if (name.startsWith('message_body')) continue
      const bytes = jsonBytes(bag[name])
      if (bytes > largestBytes) [largest, largestBytes] = [name, bytes]
    }
    if (largest === undefined) return null
    delete bag[largest]
    report(`${key}.${largest}`, 'too large, dropped')
  }
}
