import type { Problem } from './problems'

/** The outcome of making properties JSON-safe. */
export interface Sanitized {
  readonly value: Record<string, unknown>
  /** UTF-8 bytes of the JSON the value serialises to, estimated in the same walk (exact for plain data). */
  readonly bytes: number
  /** Paths that could not be sent as they were (circular, function, symbol, non-finite number). */
  readonly fixes: readonly { path: string; problem: Problem; detail?: unknown }[]
}

/** UTF-8 length of a string, without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

const QUOTES_AND_ESCAPES = 2

/**
 * A JSON-safe copy of `input` (what analytics-next would send), in one walk that also measures it:
 * circular references become "[Circular]", functions and symbols are dropped, BigInts become strings,
 * Dates ISO strings, NaN and Infinity null. Never throws.
 */
export function sanitizeProperties(input: Record<string, unknown>): Sanitized {
  const fixes: { path: string; problem: Problem; detail?: unknown }[] = []
  const ancestors: object[] = []
  let bytes = 0

  const walk = (value: unknown, path: string): unknown => {
    switch (typeof value) {
      case 'string':
        bytes += utf8Length(value) + QUOTES_AND_ESCAPES
        return value
      case 'number':
        if (!Number.isFinite(value)) {
          fixes.push({ path, problem: 'sent as null', detail: value })
          bytes += 4
          return null
        }
        bytes += String(value).length
        return value
      case 'boolean':
        bytes += value ? 4 : 5
        return value
      case 'bigint':
        bytes += String(value).length + QUOTES_AND_ESCAPES
        return String(value)
      case 'undefined':
        return undefined
      case 'function':
      case 'symbol':
        fixes.push({ path, problem: 'dropped', detail: typeof value })
        return undefined
    }
    if (value === null) {
      bytes += 4
      return null
    }
    if (value instanceof Date) {
      const iso = Number.isNaN(value.getTime()) ? null : value.toISOString()
      bytes += iso ? iso.length + QUOTES_AND_ESCAPES : 4
      return iso
    }
    const object = value as object
    if (ancestors.includes(object)) {
      fixes.push({ path, problem: 'circular' })
      bytes += 12
      return '[Circular]'
    }
    ancestors.push(object)
    try {
      if (Array.isArray(object)) {
        bytes += 2
        return object.map((item, index) => {
          bytes += 1
          const copy = walk(item, `${path}[${index}]`)
          return copy === undefined ? null : copy
        })
      }
      const json = (object as { toJSON?: unknown }).toJSON
      if (typeof json === 'function') return walk(json.call(object), path)
      return walkObject(object as Record<string, unknown>, path)
    } catch (error) {
      fixes.push({ path, problem: 'unreadable', detail: error })
      return undefined
    } finally {
      ancestors.pop()
    }
  }

  const walkObject = (object: Record<string, unknown>, path: string): Record<string, unknown> => {
    const copy: Record<string, unknown> = {}
    bytes += 2
    for (const key of Object.keys(object)) {
      const child = walk(object[key], path ? `${path}.${key}` : key)
      if (child === undefined) continue
      copy[key] = child
      bytes += utf8Length(key) + QUOTES_AND_ESCAPES + 2
    }
    return copy
  }

  ancestors.push(input)
  const value = walkObject(input, '')
  return { value, bytes, fixes }
}
