import { utf8Length } from './sanitize'

/** Number of code points (user-visible characters, emoji counted once) in a string. */
export function characterCount(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) i++
    count++
  }
  return count
}

/** The longest prefix of `text` of at most `maxBytes` UTF-8 bytes, never splitting a surrogate pair. */
export function truncateToBytes(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return ''
  let bytes = 0
  let end = 0
  while (end < text.length) {
    const code = text.charCodeAt(end)
    const pair = code >= 0xd800 && code <= 0xdbff && end + 1 < text.length
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3
    if (bytes + size > maxBytes) break
    bytes += size
    end += pair ? 2 : 1
  }
  return text.slice(0, end)
}

/**
 * Cuts `message_body` so the whole event fits `maxBytes`, marking it with `message_body_truncated`
 * and `message_body_length`. `bytes` is the event's measured size. Returns the properties unchanged when they fit.
 */
export function fitMessageBody(
  properties: Record<string, unknown>,
  bytes: number,
  maxBytes: number,
): Record<string, unknown> {
  const body = properties.message_body
  if (bytes <= maxBytes || typeof body !== 'string') return properties
  const markers = 60 // `"message_body_truncated":true,"message_body_length":NNNNNNN,`
  const escapes = body.length - JSON.stringify(body).length + 2 // quotes and backslashes JSON adds
  const room = maxBytes - (bytes - utf8Length(body)) - markers + escapes
  return {
    ...properties,
    message_body: truncateToBytes(body, room),
    message_body_truncated: true,
    message_body_length: characterCount(body),
  }
}
