// The collector's write path makes every string of a call well-formed UTF-16 before DuckDB sees it. It first reads
// the call without copying it (nearly every call is fine as it is) and copies only when a lone surrogate needs
// mending: these tests hold both ways, and the depth bound, to the rule stated in wellFormed.ts.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_EVENT_DEPTH, TOO_DEEP, wellFormed } from '../../src/collector/wellFormed'

const SEED = 18_2026

/** Whether any string in `value`, keys included, holds a lone surrogate. */
const hasLoneSurrogate = (value: unknown): boolean => {
  if (typeof value === 'string') return !(value as string & { isWellFormed(): boolean }).isWellFormed()
  if (typeof value !== 'object' || value === null) return false
  return Object.entries(value).some(([key, item]) => hasLoneSurrogate(key) || hasLoneSurrogate(item))
}

const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { inner: nested(depth - 1) })

describe('wellFormed', () => {
  it('mends lone surrogates in values and in keys, and leaves whole emoji as they are', () => {
    const call = JSON.parse('{"event":"Message Sent\\ud83d","properties":{"k\\udc00":["\\ud800x","😀"]}}')
    expect(wellFormed(call)).toEqual({ event: 'Message Sent\uFFFD', properties: { 'k\uFFFD': ['\uFFFDx', '😀'] } })
    // a key alone is enough
    expect(wellFormed(JSON.parse('{"properties":{"k\\ud800":1}}'))).toEqual({ properties: { 'k\uFFFD': 1 } })
  })

  it('returns a well-formed call itself, uncopied', () => {
    const call = JSON.parse('{"event":"Message Sent","properties":{"emoji":"😀","list":[1,null,true]}}')
    expect(wellFormed(call)).toBe(call)
  })

  it(`refuses a call nested deeper than ${MAX_EVENT_DEPTH} levels, mended or not`, () => {
    expect(wellFormed(nested(MAX_EVENT_DEPTH - 1))).toEqual(nested(MAX_EVENT_DEPTH - 1))
    expect(wellFormed(nested(MAX_EVENT_DEPTH + 1))).toBe(TOO_DEEP)
    expect(wellFormed({ lone: '\ud800', deep: nested(MAX_EVENT_DEPTH + 1) })).toBe(TOO_DEEP)
  })

  it('keeps "__proto__" as a plain key, never as the prototype', () => {
    const call = JSON.parse('{"__proto__":{"polluted":"\\ud800"}}')
    const mended = wellFormed(call) as Record<string, unknown>
    expect(Object.getPrototypeOf(mended)).toBe(Object.prototype)
    expect(Object.hasOwn(mended, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('any JSON value: no lone surrogate survives, and nothing else changes', () => {
    // lone surrogates are rare among all code points: half of the strings are built from surrogates and emoji
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc
        .array(fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '😀', 'a', '\\', '"'), { maxLength: 4 })
        .map((parts) => parts.join('')),
    )
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(text, tie('value'), { maxKeys: 4 }),
      ),
    })).value
    fc.assert(
      fc.property(json, (value) => {
        const before = JSON.stringify(value)
        const result = wellFormed(value)
        expect(hasLoneSurrogate(result)).toBe(false)
        // the input is never changed, and when it was fine it is the result
        expect(JSON.stringify(value)).toBe(before)
        if (!hasLoneSurrogate(value)) expect(result).toBe(value)
        // the same JSON, with each lone surrogate (which JSON.stringify writes as a \uXXXX escape) as U+FFFD; two keys
        // that mend to the same text are one key, the later value kept (as JSON.parse does)
        const mended = before.replace(/(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g, '$1\uFFFD')
        expect(JSON.stringify(result)).toBe(JSON.stringify(JSON.parse(mended)))
      }),
      { seed: SEED, numRuns: 500 },
    )
  })
})
