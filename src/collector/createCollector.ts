/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createForwarder, type Forwarder } from './createForwarder'
import { handleExport } from './exportEvents'
import { toFetchHandler } from './fetchHandler'
import { handleCounts } from './handleCounts'
import { handleForward } from './handleForward'
import { handleConversations, handleEvents, handleHealth, handleSettings } from './handleReadApi'
import { handleTracking } from './handleTracking'
import { sendJson, setCors } from './http'
import { createLiveFeed } from './liveFeed'
import { livePageHtml } from './livePageHtml'
import { openEventStore } from './openEventStore'
import { createOutboxTables, enqueueInserted } from './outbox'
import type { Collector, CollectorOptions } from './types'

/** Where events are stored when no `db` is given. */
export const DEFAULT_DB = '.copilot-analytics/events.duckdb'

/**
 * Creates a Segment-compatible collector over an embedded DuckDB database. Mount `handle` in any Node http
 * server (or use `startCollector` for one of its own); events are validated against the AI Copilot spec and
 * stored with their verdict, never rejected for it.
 */
export async function createCollector(options: CollectorOptions = {}): Promise<Collector> {
  const db = options.db ?? DEFAULT_DB
  const livePagePath = options.livePagePath ?? '/'
  // forwarding: each new event gets its outbox row in the same commit
  let forwarder: Forwarder | undefined
  const store = await openEventStore(
    db,
    options.forward
      ? {
          inTransaction: async (connection, inserted) => {
            await enqueueInserted(connection, inserted)
            forwarder?.wake()
          },
        }
      : {},
  )
  if (options.forward) {
    const connection = await store.connect()
    await createOutboxTables(connection)
    forwarder = createForwarder(connection, (sql) => store.query(sql), options.forward)
  }
  const feed = createLiveFeed()
  const tracking = { store, feed, writeKey: options.writeKey }
  let closing: Promise<void> | undefined

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    // as a path, never as a URL of its own: '//x' would otherwise be read as a host (and throw)
    const url = URL.canParse(`http://collector.local${req.url ?? '/'}`)
      ? new URL(`http://collector.local${req.url ?? '/'}`)
      : undefined
    if (!url) return false
    const path = url.pathname
    const isApi = path.startsWith('/v1/') || path.startsWith('/api/')
    if (!isApi && path !== livePagePath) return false
    if (isApi) setCors(req, res)
    if (isApi && req.method === 'OPTIONS') {
      res.writeHead(204).end()
      return true
    }
    const tracked = /^\/v1\/([a-z]+)$/.exec(path)
    if (tracked?.[1] && req.method === 'POST') {
      if (closing) sendJson(res, 503, { error: 'the collector is shutting down' })
      else await handleTracking(req, res, tracked[1], tracking)
      return true
    }
    const settings = /^\/v1\/projects\/([^/]+)\/settings$/.exec(path)
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (settings?.[1]) handleSettings(res, decodeURIComponent(settings[1]), `${req.headers.host ?? '127.0.0.1'}`)
      else if (path === '/api/events') await handleEvents(url, res, store)
      else if (path === '/api/conversations') await handleConversations(res, store)
      else if (path === '/api/health')
        await handleHealth(res, store, db, forwarder ? { forward: await forwarder.state() } : {})
      else if (path === '/api/forward') await handleForward(url, res, forwarder)
      else if (path === '/api/counts') await handleCounts(res, store)
      else if (path === '/api/stream') feed.subscribe(req, res)
      else if (path === '/api/export') await handleExport(url, res, store)
      else if (path === livePagePath) {
        res
          .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
          .end(livePageHtml(livePagePath))
      } else return false
      return true
    }
    if (!isApi) return false
    sendJson(res, 405, { error: `${req.method} is not allowed on ${path}` })
    return true
  }

  const handle: Collector['handle'] = async (req, res) => {
    try {
      return await route(req, res)
    } catch (error) {
      // a host server must never crash because of the collector
      if (!res.headersSent) sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) })
      else res.end()
      return true
    }
  }

  return {
    handle,
    // the same routes, adapted to web-standard Request/Response
    fetch: toFetchHandler(handle),
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
