/** The part of the Web Storage API the kit uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** An in-memory storage: the fallback on the server, in tests, and where localStorage is unusable. */
export function createMemoryStorage(): KeyValueStorage {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
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
  const memory = createMemoryStorage()
  let backing: KeyValueStorage | null = storage === undefined ? defaultStorage() : storage
  const fallBack = (error: unknown) => {
    if (!backing) return
    backing = null
    onFailure(error)
  }
  return {
    getItem(key) {
      if (backing) {
        try {
          return backing.getItem(key)
        } catch (error) {
          fallBack(error)
        }
      }
      return memory.getItem(key)
    },
    setItem(key, value) {
      memory.setItem(key, value) // keep a copy so a later failure loses nothing already written
      if (!backing) return
      try {
        backing.setItem(key, value)
      } catch (error) {
        fallBack(error)
      }
    },
    removeItem(key) {
      memory.removeItem(key)
      if (!backing) return
      try {
        backing.removeItem(key)
      } catch (error) {
        fallBack(error)
      }
    },
  }
}
