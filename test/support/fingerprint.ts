import { createHash } from 'node:crypto'

/** What the collector's write_key column holds: the key's fingerprint, never the key itself. */
export const fingerprint = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 16)
