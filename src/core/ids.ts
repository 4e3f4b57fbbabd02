/**
 * A random v4 UUID. `crypto.randomUUID` exists only in secure contexts (https, localhost); on a LAN address over
 * plain http the same UUID is built from `crypto.getRandomValues`, which every browser has in any context.
 *
 * Not the `uuid` package here, though the design names it: its v4 costs 0.47 KB min+gzip, over a tenth of the first
 * bundle's 4 KB budget, and it cannot be loaded lazily because IDs are needed synchronously (`getState()` right
 * after `createCopilotAnalytics`, the messageId `messageSent` returns). These six lines do the same from the same
 * source of randomness; the server entry and the collector, where size does not count, use `uuid` (v7).
 */
export function createId(): string {
  const webCrypto = globalThis.crypto
  try {
    return webCrypto.randomUUID()
  } catch {
    // absent outside secure contexts, or present but throwing there in some embedded browsers
  }
  const bytes = webCrypto.getRandomValues(new Uint8Array(16))
  // version 4, variant 10xx (RFC 9562)
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80
  let byte = 0
  return 'xxxx-xx-xx-xx-xxxxxx'.replace(/x/g, () => ((bytes[byte++] as number) + 256).toString(16).slice(1))
}
