/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EventRow } from './types'

/** Server-sent events to every open live page: each newly stored event, as it is committed. */
export interface LiveFeed {
  /** Opens an event stream on `res`; it stays open until the client leaves or the feed closes. */
  subscribe(req: IncomingMessage, res: ServerResponse): void
  publish(rows: readonly EventRow[]): void
  close(): void
}

/** Creates an empty feed. */
export function createLiveFeed(): LiveFeed {
  const clients = new Set<ServerResponse>()
  // a comment line now and then keeps proxies and idle timeouts from closing the stream
  const keepAlive = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n')
  }, 15_000)
  keepAlive.unref()
  return {
    subscribe(req, res) {
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
      const message = `data: ${JSON.stringify(rows)}\n\n`
      for (const res of clients) res.write(message)
    },
    close() {
      clearInterval(keepAlive)
      for (const res of clients) res.end()
      clients.clear()
    },
  }
}
