/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendJson } from './http'
import type { EventRow } from './types'

/** How much a live-page client may leave unread before it is dropped (it reconnects and reloads the history). */
export const MAX_CLIENT_BUFFER_BYTES = 1024 * 1024

/** How many live pages may listen at once; more are answered 503. */
export const MAX_STREAM_CLIENTS = 256

/** Server-sent events to every open live page: each newly stored event, as it is committed. */
export interface LiveFeed {
  /** Opens an event stream on `res`; it stays open until the client leaves or the feed closes. */
  subscribe(req: IncomingMessage, res: ServerResponse): void
  publish(rows: readonly EventRow[]): void
  close(): void
}

/**
 * Creates an empty feed. A client that stops reading keeps at most `maxBufferedBytes` queued; past that it is
 * disconnected, so a stalled reader never grows the collector's memory.
 */
export function createLiveFeed(maxBufferedBytes = MAX_CLIENT_BUFFER_BYTES): LiveFeed {
  const clients = new Set<ServerResponse>()
  const send = (res: ServerResponse, text: string) => {
    // what it has not read yet, plus at most this one message
    if (res.writableLength > maxBufferedBytes) {
      clients.delete(res)
      res.destroy()
      return
    }
    res.write(text)
  }
  // a comment line now and then keeps proxies and idle timeouts from closing the stream
  const keepAlive = setInterval(() => {
    for (const res of clients) send(res, ': keep-alive\n\n')
  }, 15_000)
  keepAlive.unref()
  return {
    subscribe(req, res) {
      if (clients.size >= MAX_STREAM_CLIENTS) {
        return sendJson(res, 503, { error: `over ${MAX_STREAM_CLIENTS} live streams are open` })
      }
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache',
        Connection: 'keep-alive',
      })
      res.write('retry: 1000\n\n')
      clients.add(res)
      req.on('close', () => clients.delete(res))
    },
    publish(rows) {
      if (rows.length === 0 || clients.size === 0) return
      // one message per event (at most ~100 KB), so the per-client bound is not a bound on a batch's size
      for (const row of rows) {
        const message = `data: ${JSON.stringify([row])}\n\n`
        for (const res of clients) send(res, message)
      }
    },
    close() {
      clearInterval(keepAlive)
      for (const res of clients) res.end()
      clients.clear()
    },
  }
}
