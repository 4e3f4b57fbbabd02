/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DuckDBConnection } from '@duckdb/node-api'
import { COPILOT_TRAITS } from './computedTraits'
import { createForwarder, type Forwarder } from './createForwarder'
import { handleExport } from './exportEvents'
import { toFetchHandler } from './fetchHandler'
import { handleCounts } from './handleCounts'
import { handleForward } from './handleForward'
import { handleProfileApi, handleProfiles, PROFILE_API_PATH } from './handleProfileApi'
import { handleConversations, handleEvents, handleHealth, handleSettings } from './handleReadApi'
import { handleTracking, isTrackingPath } from './handleTracking'
import { sendJson, setCors } from './http'
import { createLiveFeed } from './liveFeed'
import { livePageHtml } from './livePageHtml'
import { openEventStore } from './openEventStore'
import { createOutboxTables, enqueueInserted } from './outbox'
import { checkHost, checkRead, type Refusal } from './requestGuard'
import type { Collector, CollectorOptions } from './types'

/** Where events are stored when no `db` is given. */
export const DEFAULT_DB = '.copilot-analytics/events.duckdb'

// no WWW-Authenticate on a 401: browsers would answer it with their own login dialog instead of the live page's
const refuse = (res: ServerResponse, refusal: Refusal) => sendJson(res, refusal.status, { error: refusal.error })

/**
 * Creates a Segment-compatible collector over an embedded DuckDB database. Mount `handle` in any Node http
 * server (or use `startCollector` for one of its own); events are validated against the AI Copilot spec and
 * stored with their verdict, never rejected for it.
 *
 * Writes (`/v1/*`) are open to pages on any origin (CORS), with the write key when one is set. Reads (`/api/*`,
 * the live page) are same-origin only, need the write key when one is set, and every route refuses a `Host` that
 * is not this server's (DNS rebinding).
 */
export async function createCollector(options: CollectorOptions = {}): Promise<Collector> {
  const db = options.db ?? DEFAULT_DB
  const livePagePath = options.livePagePath ?? '/'
  const extraHosts = options.allowedHosts ?? []
  // forwarding: each new event gets its outbox row in the same commit
  let forwarder: Forwarder | undefined
  const store = await openEventStore(db, {
    ...(options.memoryLimit === undefined ? {} : { memoryLimit: options.memoryLimit }),
    ...(options.forward
      ? {
          inTransaction: async (connection: DuckDBConnection, inserted: ReadonlySet<string>) => {
            await enqueueInserted(connection, inserted)
            forwarder?.wake()
          },
        }
      : {}),
  })
  if (options.forward) {
    const connection = await store.connect()
    await createOutboxTables(connection)
    const writeKey = options.forward.writeKey ?? options.writeKey
    forwarder = createForwarder(connection, (sql) => store.query(sql), {
      ...options.forward,
      ...(writeKey === undefined ? {} : { writeKey }),
    })
  }
  const feed = createLiveFeed()
  const tracking = { store, feed, writeKey: options.writeKey }
  const profiles = {
    query: (sql: string, params: readonly unknown[] = []) => store.query(sql, [...params]),
    traits: [...(options.defaultTraits === false ? [] : COPILOT_TRAITS), ...(options.computedTraits ?? [])],
    token: options.profileToken ?? options.writeKey,
  }
  let closing: Promise<void> | undefined

  // mounted: served through `fetch` in another server, which owns the port (see checkHost)
  const route = async (req: IncomingMessage, res: ServerResponse, mounted: boolean): Promise<boolean> => {
    // as a path, never as a URL of its own: '//x' would otherwise be read as a host (and throw)
    const url = URL.canParse(`http://collector.local${req.url ?? '/'}`)
      ? new URL(`http://collector.local${req.url ?? '/'}`)
      : undefined
    if (!url) {
      sendJson(res, 400, { error: 'malformed request URL' })
      return true
    }
    const path = url.pathname
    if (path.startsWith('/v1/')) return routeTracking(req, res, url, mounted)
    if (!path.startsWith('/api/') && path !== livePagePath) return false
    // the page itself holds no data (a link from another site may open it); what it reads is guarded
    const refusal =
      path === livePagePath
        ? checkHost(req, extraHosts, mounted)
        : checkRead(req, options.writeKey, extraHosts, mounted)
    if (refusal) {
      refuse(res, refusal)
      return true
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: `${req.method} is not allowed on ${path}` })
      return true
    }
    if (path === '/api/events') await handleEvents(url, res, store)
    else if (path === '/api/conversations') await handleConversations(url, res, store)
    else if (path === '/api/profiles') await handleProfiles(res, url, profiles)
    else if (path === '/api/health')
      await handleHealth(res, store, db, forwarder ? { forward: await forwarder.state() } : {})
    else if (path === '/api/forward') await handleForward(url, res, forwarder)
    else if (path === '/api/counts') await handleCounts(res, store)
    else if (path === '/api/export') await handleExport(url, res, store)
    else if (path === '/api/stream') feed.subscribe(req, res)
    else if (path === livePagePath) {
      res
        .writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
          // no other site may frame it (and trick someone into typing the key)
          'Content-Security-Policy': "frame-ancestors 'none'",
          'X-Frame-Options': 'DENY',
        })
        .end(livePageHtml(livePagePath))
    } else return false
    return true
  }

  /** Segment's tracking API: any origin may send (CORS), only Segment's paths store. */
  const routeTracking = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    mounted: boolean,
  ): Promise<boolean> => {
    const path = url.pathname
    const refusal = checkHost(req, extraHosts, mounted)
    if (refusal) {
      refuse(res, refusal)
      return true
    }
    // server-to-server, like Segment's: its own token and no CORS, so no web page can read a profile
    if (PROFILE_API_PATH.test(path)) {
      await handleProfileApi(req, res, url, profiles)
      return true
    }
    setCors(req, res)
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end()
      return true
    }
    const tracked = /^\/v1\/([a-z]+)$/.exec(path)?.[1]
    if (tracked && isTrackingPath(tracked)) {
      if (req.method !== 'POST') sendJson(res, 405, { error: `${req.method} is not allowed on ${path}` })
      else if (closing) sendJson(res, 503, { error: 'the collector is shutting down' })
      else await handleTracking(req, res, tracked, tracking)
      return true
    }
    const settings = /^\/v1\/projects\/([^/]+)\/settings$/.exec(path)?.[1]
    if (settings && (req.method === 'GET' || req.method === 'HEAD')) {
      let writeKey: string
      try {
        writeKey = decodeURIComponent(settings)
      } catch {
        sendJson(res, 400, { error: 'malformed percent-encoding in the write key' })
        return true
      }
      handleSettings(res, writeKey, `${req.headers.host}`)
      return true
    }
    sendJson(res, 404, { error: `${path} is not an endpoint of Segment's tracking API` })
    return true
  }

  const guarded = (mounted: boolean) => async (req: IncomingMessage, res: ServerResponse) => {
    try {
      return await route(req, res, mounted)
    } catch (error) {
      // a host server must never crash because of the collector
      if (!res.headersSent) sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) })
      else res.end()
      return true
    }
  }

  return {
    handle: guarded(false),
    // the same routes, adapted to web-standard Request/Response
    fetch: toFetchHandler(guarded(true)),
    query: (sql, params) => store.query(sql, params),
    close() {
      closing ??= (async () => {
        feed.close()
        await forwarder?.stop()
        await store.close()
      })()
      return closing
    },
  }
}
