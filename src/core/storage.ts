import type { KeyValueStorage } from './types'

/** An in-memory storage: the fallback on the server, in tests, and where localStorage is unusable. */
export function createMemoryStorage(): KeyValueStorage {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  }
}

function defaultStorage(): KeyValueStorage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null
  } catch {
    return null // reading window.localStorage itself throws when storage is blocked
  }
}

/**
 * A storage that never throws: `storage` (default localStorage), falling back to memory for good
 * the first time a read or write fails (Safari private mode, quota exceeded, blocked cookies).
 * @param storage `undefined` for localStorage when usable, `null` for memory only.
 * @param onFailure called once, when the fallback happens.
 */
export function createSafeStorage(
  storage: KeyValueStorage | null | undefined,
  onFailure: (error: unknown) => void = () => {},
): KeyValueStorage {
  // every write is kept here too, so a later failure loses nothing already written
  const memory = new Map<string, string>()
  let backing: KeyValueStorage | null = storage === undefined ? defaultStorage() : storage
  const attempt = <T>(use: (backing: KeyValueStorage) => T): T | undefined => {
    try {
      return backing ? use(backing) : undefined
    } catch (error) {
      backing = null
      onFailure(error)
    }
  }
  return {
    getItem: (key) => {
      const value = attempt((backing) => backing.getItem(key))
      return backing ? (value ?? null) : (memory.get(key) ?? null)
    },
    setItem(key, value) {
      memory.set(key, value)
      attempt((backing) => backing.setItem(key, value))
    },
  }
}
