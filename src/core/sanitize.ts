import { isRecord } from '../shared/guards'
import { isHighSurrogate, isLowSurrogate } from '../shared/wire'
import type { Problem } from './problems'

/** The outcome of making properties JSON-safe. */
export interface Sanitized {
  readonly value: Record<string, unknown>
  /** Paths that could not be sent as they were (circular, function, symbol, non-finite number, unreadable). */
  readonly fixes: readonly { path: string; problem: Problem; detail?: unknown }[]
}

/** Nesting kept; deeper values are dropped (and reported): JSON.stringify itself would overflow the stack. */
const MAX_DEPTH = 64

/** UTF-8 length of a string, without allocating an encoded copy (a lone surrogate counts as U+FFFD's 3 bytes). */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (isHighSurrogate(code) && i + 1 < text.length) {
      if (isLowSurrogate(text.charCodeAt(i + 1))) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

/**
 * A JSON-safe copy of `input` (what analytics-next would send): circular references become "[Circular]", functions
 * and symbols are dropped, BigInts become strings, Dates ISO strings, NaN and Infinity null, and whatever cannot
 * be read (a throwing getter or toJSON, a Proxy whose traps throw, nesting past 64 levels) is dropped. Each fix is
 * listed with its path. Never throws; reads every value once.
 */
export function sanitizeProperties(input: Record<string, unknown>): Sanitized {
  const fixes: { path: string; problem: Problem; detail?: unknown }[] = []
  const ancestors: object[] = []

  const walk = (value: unknown, path: string): unknown => {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value
      case 'number':
        if (Number.isFinite(value)) return value
        fixes.push({ path, problem: 'sent as null', detail: value })
        return null
      case 'bigint':
        return String(value)
      case 'undefined':
        return undefined
      case 'function':
      case 'symbol':
        fixes.push({ path, problem: 'dropped', detail: typeof value })
        return undefined
    }
    if (value === null) return null
    const object = value as object
    if (ancestors.includes(object)) {
      fixes.push({ path, problem: 'circular' })
      return '[Circular]'
    }
    if (ancestors.length > MAX_DEPTH) {
      fixes.push({ path, problem: 'too deep' })
      return undefined
    }
    ancestors.push(object)
    try {
      if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString()
      if (Array.isArray(object)) {
        const copy: unknown[] = []
        for (let index = 0; index < object.length; index++) {
          const item = walk(read(object, index, `${path}[${index}]`), `${path}[${index}]`)
          copy.push(item === undefined ? null : item)
        }
        return copy
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

  /** One field, read once; a getter that throws is reported and the field left out. */
  const read = (object: object, key: string | number, path: string): unknown => {
    try {
      return (object as Record<string | number, unknown>)[key]
    } catch (error) {
      fixes.push({ path, problem: 'unreadable', detail: error })
      return undefined
    }
  }

  const walkObject = (object: Record<string, unknown>, path: string): Record<string, unknown> => {
    const copy: Record<string, unknown> = {}
    for (const key of Object.keys(object)) {
      const childPath = path ? `${path}.${key}` : key
      const child = walk(read(object, key, childPath), childPath)
      if (child !== undefined) copy[key] = child
    }
    return copy
  }

  const value = walk(input, '')
  return { value: isRecord(value) ? value : {}, fixes }
}
