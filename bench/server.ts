// One loopback server for the benchmarks: a Segment-compatible sink that counts what it receives (the same
// destination for the kit and for direct analytics-next calls), and the page + script the Chromium run loads.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The running bench server. */
export interface BenchServer {
  /** e.g. `http://127.0.0.1:40123` */
  readonly origin: string
  /** `${origin}/v1`, the apiHost for analytics-next. */
  readonly apiHost: string
  /** Track calls received so far (batches expanded). */
  tracks(): number
  /** Resolves when at least `count` track calls arrived; rejects after `timeoutMs`. */
  waitForTracks(count: number, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

/** Starts the server on a free port of 127.0.0.1. `page` is served at `/` and `script` at `/bench.js`. */
export async function startBenchServer(assets: { page?: string; script?: string } = {}): Promise<BenchServer> {
  let tracks = 0
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/'
    response.setHeader('Access-Control-Allow-Origin', request.headers.origin ?? '*')
    response.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization')
    response.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS')
    if (request.method === 'OPTIONS') return void response.writeHead(204).end()
    if (request.method === 'GET' && path === '/') {
      return void response.writeHead(200, { 'Content-Type': 'text/html' }).end(assets.page ?? '')
    }
    if (request.method === 'GET' && path === '/bench.js') {
      return void response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(assets.script ?? '')
    }
    if (request.method === 'GET' && path === '/count') {
      return void response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ tracks }))
    }
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      body += chunk
    })
    request.on('end', () => {
      if (path === '/v1/t') tracks += 1
      if (path === '/v1/b') {
        try {
          const parsed = JSON.parse(body) as { batch?: { type?: string }[] }
          tracks += (parsed.batch ?? []).filter((call) => call.type === 'track').length
        } catch {
          // not a batch we can read: nothing to count
        }
      }
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"success":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    apiHost: `${origin}/v1`,
    tracks: () => tracks,
    async waitForTracks(count, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs
      while (tracks < count) {
        if (Date.now() > deadline) throw new Error(`bench server: ${tracks} of ${count} track calls in ${timeoutMs} ms`)
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
