import { CopilotAnalyticsError } from '../core/CopilotAnalyticsError'

/** Options of {@link createEventsProxy}. */
export interface EventsProxyOptions {
  /** Segment's API base, e.g. `'https://api.segment.io/v1'`, or the collector's `'http://127.0.0.1:7463/v1'`. */
  to: string
  /**
   * The largest body forwarded; larger ones are answered 413 without being read further. Segment's own limits are
   * 32 KB per event and 500 KB per batch.
   * @default 512000
   */
  maxBodyBytes?: number
  /** Give up on Segment after this long and answer 504 (analytics-next retries). @default 10000 */
  timeoutMs?: number
  /** The fetch used to reach `to` (tests, an HTTP agent of your own). @default globalThis.fetch */
  fetch?: typeof fetch
  /** Called for each failure to reach `to` (answered 502/504) and for a bad `to`. */
  onError?: (error: CopilotAnalyticsError) => void
}

/** The calls Segment's tracking API takes: analytics-next's short paths and the documented long ones. */
const TRACKING_CALLS = new Set([
  't',
  'i',
  'p',
  's',
  'a',
  'g',
  'b',
  'm',
  'track',
  'identify',
  'page',
  'screen',
  'alias',
  'group',
  'batch',
  'import',
])

const json = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

/** The body, or null when it is longer than `max` bytes (read no further than that). */
async function readCapped(request: Request, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > max) return null
  if (!request.body) return new Uint8Array()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    length += value.byteLength
    if (length > max) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  const body = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

/**
 * A first-party proxy for Segment's tracking API, to mount under the app's own origin (ad and tracking blockers
 * drop requests to Segment's hosts, not to yours). Point the browser client at it with a path-only `apiHost`:
 *
 * ```ts
 * // app/api/events/[...path]/route.ts
 * export const POST = createEventsProxy({ to: 'https://api.segment.io/v1' })
 * // the provider
 * <CopilotAnalyticsProvider writeKey={key} apiHost="/api/events/v1">
 * ```
 * Forwards `POST <mount>/v1/<call>` for Segment's tracking calls (`t`, `i`, `p`, `b`, `batch`, `track`, ...) to
 * `to/<call>` with the body and the write key (`Authorization`) as they came, and answers what Segment answered.
 * Anything else is 404 (405 for another method), a body over `maxBodyBytes` 413, Segment unreachable 502 (504
 * after `timeoutMs`). Never throws.
 */
export function createEventsProxy(options: EventsProxyOptions): (request: Request) => Promise<Response> {
  const { maxBodyBytes = 512_000, timeoutMs = 10_000 } = options
  const report = (field: string, message: string, cause?: unknown) => {
    try {
      options.onError?.(new CopilotAnalyticsError('createEventsProxy', field, message, { cause }))
    } catch {
      // a throwing onError must not break the route
    }
  }
  let base: string | null = null
  try {
    const url = new URL(options.to)
    if (url.protocol === 'http:' || url.protocol === 'https:') base = url.href.replace(/\/+$/, '')
  } catch {
    // reported below
  }
  if (!base) report('to', `must be an http(s) URL such as https://api.segment.io/v1, got ${String(options.to)}`)

  return async (request: Request): Promise<Response> => {
    try {
      const path = new URL(request.url).pathname
      // the call is what follows the last `/v1/` of the mount: `/api/events/v1/t` → `t`
      const at = path.lastIndexOf('/v1/')
      const call = at === -1 ? '' : path.slice(at + 4).replace(/\/+$/, '')
      if (!TRACKING_CALLS.has(call)) return json(404, { success: false, message: 'not a Segment tracking call' })
      if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: { allow: 'POST, OPTIONS' } })
      if (request.method !== 'POST') return json(405, { success: false, message: 'POST only' }, { allow: 'POST' })
      if (!base) return json(500, { success: false, message: 'the events proxy is not configured' })
      const body = await readCapped(request, maxBodyBytes)
      if (!body) return json(413, { success: false, message: `body over ${maxBodyBytes} bytes` })
      const headers: Record<string, string> = {
        'content-type': request.headers.get('content-type') ?? 'text/plain',
      }
      const authorization = request.headers.get('authorization')
      if (authorization) headers.authorization = authorization
      const agent = request.headers.get('user-agent')
      if (agent) headers['user-agent'] = agent.slice(0, 512)
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), timeoutMs)
      try {
        const answer = await (options.fetch ?? fetch)(`${base}/${call}`, {
          method: 'POST',
          headers,
          body,
          signal: controller.signal,
        })
        const text = await answer.text()
        return new Response(text, {
          status: answer.status,
          headers: { 'content-type': answer.headers.get('content-type') ?? 'application/json' },
        })
      } catch (error) {
        const timedOut = controller.signal.aborted
        report('to', timedOut ? `no answer within ${timeoutMs} ms` : 'unreachable', error)
        return json(timedOut ? 504 : 502, { success: false, message: 'Segment could not be reached' })
      } finally {
        clearTimeout(timer)
      }
    } catch (error) {
      report('-', 'failed', error)
      return json(400, { success: false, message: 'bad request' })
    }
  }
}
