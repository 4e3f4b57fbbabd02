import { afterEach, describe, expect, it, vi } from 'vitest'
import { createId } from '../../src/core/ids'

// RFC 9562 v4: 8-4-4-4-12 lowercase hex, version nibble 4, variant 10xx (8, 9, a or b)
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** 1000 ids: each a v4 UUID, all distinct. */
const expectThousandDistinctV4 = () => {
  const ids = Array.from({ length: 1000 }, () => createId())
  for (const id of ids) expect(id).toMatch(UUID_V4)
  expect(new Set(ids).size).toBe(1000)
}

describe('createId', () => {
  it('returns what crypto.randomUUID returns when it works', () => {
    const randomUUID = vi.spyOn(globalThis.crypto, 'randomUUID')
    const id = createId()
    expect(randomUUID).toHaveBeenCalledTimes(1)
    expect(id).toBe(randomUUID.mock.results[0]?.value)
    randomUUID.mockReturnValue('11111111-2222-4333-8444-555555555555')
    expect(createId()).toBe('11111111-2222-4333-8444-555555555555')
  })

  it('builds v4 UUIDs from getRandomValues when randomUUID throws (outside a secure context)', () => {
    const randomUUID = vi.spyOn(globalThis.crypto, 'randomUUID').mockImplementation(() => {
      throw new DOMException('randomUUID needs a secure context', 'SecurityError')
    })
    const getRandomValues = vi.spyOn(globalThis.crypto, 'getRandomValues')
    expectThousandDistinctV4()
    expect(randomUUID).toHaveBeenCalledTimes(1000)
    expect(getRandomValues).toHaveBeenCalledTimes(1000)
  })

  describe('when randomUUID is absent', () => {
    const prototype = Object.getPrototypeOf(globalThis.crypto) as object
    const descriptor = Object.getOwnPropertyDescriptor(prototype, 'randomUUID')
    afterEach(() => {
      if (descriptor) Object.defineProperty(prototype, 'randomUUID', descriptor)
    })

    it('builds v4 UUIDs from getRandomValues', () => {
      expect(descriptor).toBeDefined()
      Reflect.deleteProperty(prototype, 'randomUUID')
      expect('randomUUID' in globalThis.crypto).toBe(false)
      const getRandomValues = vi.spyOn(globalThis.crypto, 'getRandomValues')
      expectThousandDistinctV4()
      expect(getRandomValues).toHaveBeenCalledTimes(1000)
    })

    it('and restored afterwards, randomUUID is used again', () => {
      expect(typeof globalThis.crypto.randomUUID).toBe('function')
      const randomUUID = vi.spyOn(globalThis.crypto, 'randomUUID')
      createId()
      expect(randomUUID).toHaveBeenCalledTimes(1)
    })
  })
})
