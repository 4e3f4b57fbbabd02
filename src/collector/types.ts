/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ComputedTrait } from './computedTraits'
import type { ForwardOptions } from './createForwarder'

/** Options of {@link createCollector}. */
export interface CollectorOptions {
  /**
   * Where events are stored: a DuckDB database file (its folder is created), or `':memory:'`.
   * @default '.copilot-analytics/events.duckdb'
   */
  db?: string
  /**
   * Accept only this Segment write key (Basic auth or the batch's `writeKey`); any other gets 401. Reads
   * (`/api/*`, the live page's data) then need it too, as `Authorization: Basic base64(writeKey:)`. Leave it out
   * to accept every key. The key is never stored: rows keep its fingerprint.
   */
  writeKey?: string
  /**
   * More `Host` names the collector answers to (e.g. `'devbox.local'`, or `'proxy.test:8080'` with a port),
   * besides `127.0.0.1`, `localhost`, `[::1]` and the address a request arrived on. Any other `Host` gets 403,
   * so a foreign site cannot reach it through DNS rebinding. Through `collector.fetch` (mounted in Next.js, Hono,
   * Bun) the port is the host server's, so these names and the loopback ones match on any port: list the app's
   * own domain here when it is served under one (`allowedHosts: ['app.example.com']`).
   */
  allowedHosts?: readonly string[]
  /**
   * Where the live page is served.
   * @default '/'
   */
  livePagePath?: string
  /**
   * Computed traits served by the Profile API, added to the AI Copilot spec's set (`COPILOT_TRAITS`).
   * @example [{ name: 'stocks_purchased', kind: 'counter', event: 'Stock Purchased' }]
   */
  computedTraits?: readonly ComputedTrait[]
  /**
   * Compute the AI Copilot spec's traits (conversations started, messages sent, average feedback rating, ...).
   * @default true
   */
  defaultTraits?: boolean
  /**
   * The Profile API's access token (the Basic auth user, as with Segment's). Without one, the write key is the
   * token when set; with neither, the Profile API answers any local caller.
   */
  profileToken?: string
  /**
   * Also relay every stored event, in Segment batches, to a Segment-compatible API (Segment, RudderStack, Jitsu,
   * another collector): at least once, through an outbox in the same database, kept across restarts.
   */
  forward?: ForwardOptions
  /**
   * How much memory DuckDB may use (its buffer pool: cached table blocks, rows not yet checkpointed, query work
   * that does not spill to disk), as DuckDB's `memory_limit` takes it. The bound that keeps a long-running
   * collector's memory flat under sustained ingest; raise it for heavy queries over large files.
   * @default '256MB' for a file; DuckDB's own (80% of RAM) for `':memory:'`, which holds everything in memory
   */
  memoryLimit?: string
}

/** A Segment-compatible collector: Node http handler, the events database, and shutdown. */
export interface Collector {
  /**
   * Node http handler for every collector route (/v1/*, /api/events, /api/conversations, /api/health, the live
   * page and its stream). Resolves true if it handled the request, false if the route is not the collector's
   * (so a host server can fall through).
   */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>
  /**
   * The same routes as a web-standard handler, for Next.js route handlers, Hono, Bun or Deno: a route that is
   * not the collector's answers 404. The live stream (`/api/stream`) stays open until the client cancels it.
   * The Host check still applies: `localhost`, `127.0.0.1`, `[::1]` on any port, plus `allowedHosts`.
   * @example
   * // Hono
   * app.all('/v1/*', (c) => collector.fetch(c.req.raw))
   * app.all('/api/*', (c) => collector.fetch(c.req.raw))
   */
  fetch(request: Request): Promise<Response>
  /**
   * Runs read-only SQL (SELECT, EXPLAIN) on the events database; rows as plain JS objects (BigInt → number,
   * timestamps → ISO strings, JSON columns parsed). Positional parameters are `?` or `$1`.
   */
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>
  /** Finishes pending writes, ends live streams and closes the database. Safe to call twice. */
  close(): Promise<void>
}

/** Options of {@link startCollector}. */
export interface StartCollectorOptions extends CollectorOptions {
  /**
   * Port to listen on; `0` picks a free one.
   * @default 7463
   */
  port?: number
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  host?: string
}

/** A collector listening on its own HTTP server. */
export interface RunningCollector {
  /** e.g. `http://127.0.0.1:7463`: the live page is here. */
  readonly url: string
  /** `${url}/v1`: give it to the provider as `apiHost`. */
  readonly apiHost: string
  readonly collector: Collector
  /** Stops the server and closes the database. */
  close(): Promise<void>
}

/** One problem with an event, as `validateTrack` / `validateIdentify` report it. */
export interface VerdictProblem {
  readonly event: string
  readonly field: string
  readonly message: string
  /** `warning`: a note that leaves the event valid; absent: an error. */
  readonly severity?: 'warning'
}

/** The spec's verdict on one stored event. */
export interface Verdict {
  readonly valid: boolean
  readonly problems: readonly VerdictProblem[]
}

/** One row of the `events` table, as it is written. */
export interface EventRow {
  readonly message_id: string
  readonly type: string
  readonly event: string | null
  readonly conversation_id: string | null
  readonly chat_message_id: string | null
  readonly user_id: string | null
  readonly anonymous_id: string | null
  /** ISO string, UTC. */
  readonly timestamp: string
  /** ISO string, UTC. */
  readonly received_at: string
  readonly properties: Record<string, unknown> | null
  readonly traits: Record<string, unknown> | null
  readonly context: Record<string, unknown> | null
  /** The call as received (without the `writeKey` a body may carry). */
  readonly raw: Record<string, unknown>
  /** Fingerprint of the write key it was sent with (first 16 hex digits of its SHA-256), `''` without one. */
  readonly write_key: string
  readonly valid: boolean
  readonly problems: readonly VerdictProblem[]
  /** `properties.role` (a non-empty string), copied out of the JSON for fast queries. */
  readonly role: string | null
  /** `properties.rating` as a number (a numeric string is read as its number), copied out of the JSON. */
  readonly rating: number | null
}
