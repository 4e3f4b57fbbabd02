/** How deep a stored event may nest (objects and arrays); deeper is refused, not stored. */
export const MAX_EVENT_DEPTH = 64

/** A value nested deeper than {@link MAX_EVENT_DEPTH}. */
export const TOO_DEEP: unique symbol = Symbol('too deep')

/**
 * A copy of a parsed JSON value in which every string, keys included, is well-formed UTF-16 (a lone surrogate,
 * e.g. half an emoji cut off by a stream, becomes U+FFFD), or {@link TOO_DEEP}. DuckDB's JSON functions refuse
 * lone surrogates, so one of them stored would break every query that reads its row.
 */
export function wellFormed(value: unknown, maxDepth = MAX_EVENT_DEPTH): unknown {
  return copy(value, maxDepth)
}

// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** `text` with every lone surrogate replaced by U+FFFD (String.prototype.toWellFormed, on Node 20's ES2022 lib). */
export function wellFormedString(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD')
}

const copy = (value: unknown, depthLeft: number): unknown => {
  if (typeof value === 'string') return wellFormedString(value)
  if (typeof value !== 'object' || value === null) return value
  if (depthLeft <= 0) return TOO_DEEP
  if (Array.isArray(value)) {
    const out: unknown[] = []
    for (const item of value) {
      const inner = copy(item, depthLeft - 1)
      if (inner === TOO_DEEP) return TOO_DEEP
      out.push(inner)
    }
    return out
  }
  const entries: [string, unknown][] = []
  for (const [key, item] of Object.entries(value)) {
    const inner = copy(item, depthLeft - 1)
    if (inner === TOO_DEEP) return TOO_DEEP
    entries.push([wellFormedString(key), inner])
  }
  // fromEntries defines "__proto__" as a plain key instead of setting the prototype
  return Object.fromEntries(entries)
}
