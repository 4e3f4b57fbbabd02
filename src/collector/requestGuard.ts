/// <reference types="node" />
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { writeKeyOf } from './http'

/** Why a request was refused: the status to answer and a message that says what to fix. */
export interface Refusal {
  readonly status: 401 | 403
  readonly error: string
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

/** `::1` → `[::1]`, so a listening address compares with a Host header. */
const hostName = (address: string) =>
  (address.match(/:/g)?.length ?? 0) > 1 && !address.startsWith('[') ? `[${address}]` : address

/**
 * The `Host` headers a request may carry: the loopback names, the address the connection arrived on and the
 * `extraHosts` given, each with the port the request came in on. Anything else is a DNS-rebinding attempt: a
 * foreign name that resolves to this machine.
 */
export function allowedHosts(req: IncomingMessage, extraHosts: readonly string[] = []): Set<string> {
  const port = req.socket.localPort
  const names = [...LOOPBACK_NAMES, ...extraHosts.map(hostName)]
  if (req.socket.localAddress) names.push(hostName(req.socket.localAddress.replace(/^::ffff:/, '')))
  const hosts = new Set<string>()
  for (const name of names) {
    const lower = name.toLowerCase()
    // an extra host given with its port ("example.test:8080") is taken as it is
    if (/^[^[\]]*:\d+$/.test(lower) || /\]:\d+$/.test(lower)) hosts.add(lower)
    hosts.add(`${lower}:${port}`)
    if (port === 80) hosts.add(lower)
  }
  return hosts
}

/**
 * For a collector mounted through `fetch` in another server (Next.js, Hono, Bun): that server owns the port, so
 * the loopback names and `extraHosts` match on any port (an extra host given with a port, only on that one).
 */
function isMountedHost(host: string, extraHosts: readonly string[]): boolean {
  const name = host.replace(/:\d+$/, '')
  return [...LOOPBACK_NAMES, ...extraHosts.map(hostName)].some((allowed) => {
    const lower = allowed.toLowerCase()
    return lower === host || lower === name
  })
}

/**
 * 403 unless the `Host` header names this server (see {@link allowedHosts}). `mounted`: the request came through
 * `collector.fetch`, where no socket says which port is ours (see {@link isMountedHost}).
 */
export function checkHost(
  req: IncomingMessage,
  extraHosts: readonly string[] = [],
  mounted = false,
): Refusal | undefined {
  const host = (req.headers.host ?? '').toLowerCase()
  if (mounted ? isMountedHost(host, extraHosts) : allowedHosts(req, extraHosts).has(host)) return undefined
  return {
    status: 403,
    error: `Host ${JSON.stringify(req.headers.host ?? '')} is not this server's (add it to allowedHosts)`,
  }
}

/**
 * 403 when a browser says the request comes from another site: an `Origin` that is not this host, or a
 * `Sec-Fetch-Site` other than same-origin / none (a typed URL). Requests from tools (no such headers) pass.
 */
export function checkSameOrigin(req: IncomingMessage): Refusal | undefined {
  const site = req.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, error: 'reads are same-origin only' }
  }
  const origin = req.headers.origin
  if (origin === undefined) return undefined
  let originHost: string | undefined
  try {
    originHost = new URL(origin).host.toLowerCase()
  } catch {
    originHost = undefined
  }
  if (originHost !== undefined && originHost === (req.headers.host ?? '').toLowerCase()) return undefined
  return { status: 403, error: 'reads are same-origin only' }
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/** True when `given` is `expected`, in time that does not depend on where they differ. */
export function sameKey(given: string | undefined, expected: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(expected))
}

/** 401 unless the request carries `Authorization: Basic base64(writeKey:)` (nothing to check without a key). */
export function checkReadKey(req: IncomingMessage, writeKey: string | undefined): Refusal | undefined {
  if (writeKey === undefined) return undefined
  if (sameKey(writeKeyOf(req), writeKey)) return undefined
  return { status: 401, error: 'reads need the write key (Authorization: Basic base64(writeKey:))' }
}

/** The checks of a read (`/api/*` of the collector or a host app): Host, same origin, then the key if one is set. */
export function checkRead(
  req: IncomingMessage,
  writeKey: string | undefined,
  extraHosts: readonly string[] = [],
  mounted = false,
): Refusal | undefined {
  return checkHost(req, extraHosts, mounted) ?? checkSameOrigin(req) ?? checkReadKey(req, writeKey)
}

/**
 * What the `write_key` column holds: a fingerprint (the first 16 hex digits of the key's SHA-256), so rows say
 * which key sent them and de-duplication is per key, but the key itself is never stored; `''` without a key.
 */
export function writeKeyId(writeKey: string | undefined): string {
  if (writeKey === undefined) return ''
  // nearly every request carries the same key: one hash per new key, not per request
  if (lastKey?.key !== writeKey) lastKey = { key: writeKey, id: digest(writeKey).toString('hex').slice(0, 16) }
  return lastKey.id
}

let lastKey: { readonly key: string; readonly id: string } | undefined
