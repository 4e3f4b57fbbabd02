/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http'
import { handleConversations, handleEvents, handleHealth, handleSettings } from './handleReadApi'
import { handleTracking, isTrackingPath } from './handleTracking'
import { sendJson, setCors } from './http'
import { createLiveFeed } from './liveFeed'
import { livePageHtml } from './livePageHtml'
import { openEventStore } from './openEventStore'
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
  const store = await openEventStore(db)
  const feed = createLiveFeed()
  const tracking = { store, feed, writeKey: options.writeKey }
  let closing: Promise<void> | undefined

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://collector.local')
    } catch {
      sendJson(res, 400, { error: 'malformed request URL' })
      return true
    }
    const path = url.pathname
    if (path.startsWith('/v1/')) return routeTracking(req, res, path)
    if (!path.startsWith('/api/') && path !== livePagePath) return false
    // the page itself holds no data (a link from another site may open it); what it reads is guarded
    const refusal = path === livePagePath ? checkHost(req, extraHosts) : checkRead(req, options.writeKey, extraHosts)
    if (refusal) {
      refuse(res, refusal)
      return true
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: `${req.method} is not allowed on ${path}` })
      return true
    }
    if (path === '/api/events') await handleEvents(url, res, store)
    else if (path === '/api/conversations') await handleConversations(res, store)
    else if (path === '/api/health') await handleHealth(res, store, db)
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
        .end(livePageHtml())
    } else return false
    return true
  }

  /** Segment's tracking API: any origin may send (CORS), only Segment's paths store. */
  const routeTracking = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    const refusal = checkHost(req, extraHosts)
    if (refusal) {
      refuse(res, refusal)
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

  return {
    async handle(req, res) {
      try {
        return await route(req, res)
      } catch (error) {
        // a host server must never crash because of the collector
        if (!res.headersSent) sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) })
        else res.end()
        return true
      }
    },
    query: (sql, params) => store.query(sql, params),
    close() {
      closing ??= (async () => {
        feed.close()
        await store.close()
      })()
      return closing
    },
  }
}
