/** How deep a stored event may nest (objects and arrays); deeper is refused, not stored. */
export const MAX_EVENT_DEPTH = 64

/** A value nested deeper than {@link MAX_EVENT_DEPTH}. */
export const TOO_DEEP: unique symbol = Symbol('too deep')

/**
 * A parsed JSON value in which every string, keys included, is well-formed UTF-16 (a lone surrogate, e.g. half an
 * emoji cut off by a stream, becomes U+FFFD), or {@link TOO_DEEP}. DuckDB's JSON functions refuse lone surrogates,
 * so one of them stored would break every query that reads its row. The value itself when it is already
 * well-formed (nearly always: only a `\uD83D`-style escape can make a lone surrogate), else a copy.
 */
export function wellFormed(value: unknown, maxDepth = MAX_EVENT_DEPTH): unknown {
  const state = inspect(value, maxDepth)
  return state === FINE ? value : state === TOO_DEEP ? TOO_DEEP : copy(value, maxDepth)
}

// Node 20 has both (V8 11); TypeScript's ES2022 lib does not declare them
type WellFormedText = string & { isWellFormed(): boolean; toWellFormed(): string }

/** `text` with every lone surrogate replaced by U+FFFD. */
export function wellFormedString(text: string): string {
  return (text as WellFormedText).toWellFormed()
}

const FINE = 0
const NEEDS_COPY = 1

/** Whether `value` is fine as it is, needs a copy with its strings mended, or nests too deep: reads, never allocates. */
const inspect = (value: unknown, depthLeft: number): typeof FINE | typeof NEEDS_COPY | typeof TOO_DEEP => {
  if (typeof value === 'string') return (value as WellFormedText).isWellFormed() ? FINE : NEEDS_COPY
  if (typeof value !== 'object' || value === null) return FINE
  if (depthLeft <= 0) return TOO_DEEP
  let state: typeof FINE | typeof NEEDS_COPY = FINE
  if (Array.isArray(value)) {
    for (const item of value) {
      const inner = inspect(item, depthLeft - 1)
      if (inner === TOO_DEEP) return TOO_DEEP
      if (inner === NEEDS_COPY) state = NEEDS_COPY
    }
    return state
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    if (!(key as WellFormedText).isWellFormed()) state = NEEDS_COPY
    const inner = inspect((value as Record<string, unknown>)[key], depthLeft - 1)
    if (inner === TOO_DEEP) return TOO_DEEP
    if (inner === NEEDS_COPY) state = NEEDS_COPY
  }
  return state
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
