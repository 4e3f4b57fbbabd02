import { isHighSurrogate } from './wire'

/**
 * `text` cut to at most `maxLength` UTF-16 units, the last of them an ellipsis when it was cut; never splits a
 * surrogate pair (an emoji is kept whole or left out). For short human-readable values (an action, an error).
 */
export function shorten(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text
  let end = Math.max(0, maxLength - 1)
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1
  return `${text.slice(0, end)}…`
}
