import { v4 as uuidV4 } from 'uuid'

/**
 * A random v4 UUID. `crypto.randomUUID` exists only in secure contexts (https, localhost);
 * a LAN address over plain http falls back to `uuid`, which needs only `getRandomValues`.
 */
export function createId(): string {
  const webCrypto = globalThis.crypto
  if (webCrypto && typeof webCrypto.randomUUID === 'function') {
    try {
      return webCrypto.randomUUID()
    } catch {
      // some embedded browsers expose it but throw outside secure contexts
    }
  }
  return uuidV4()
}
