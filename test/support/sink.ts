import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One Segment call as the sink received it: the path's type letter (t, i, p, ...) and the JSON body. */
export interface SinkCall {
  readonly path: string
  readonly body: Record<string, unknown> & {
    type?: string
    event?: string
    properties?: Record<string, unknown>
    traits?: Record<string, unknown>
    userId?: string | null
    anonymousId?: string
    messageId?: string
  }
}

/** A tiny Segment-compatible HTTP sink on 127.0.0.1 for integration tests: records every call it receives. */
export interface Sink {
  /** e.g. `http://127.0.0.1:54321/v1`, to pass as `apiHost`. */
  readonly apiHost: string
  /** Every call received (batches expanded), oldest first. Metrics posts (/v1/m) are kept apart. */
  readonly calls: SinkCall[]
  /** Paths of every request, including metrics and preflights: proves nothing went elsewhere. */
  readonly requests: string[]
  /** Track calls only. */
  tracks(): SinkCall['body'][]
  /** Resolves when `predicate` holds over the calls, or rejects after `timeoutMs`. */
  waitFor(predicate: (calls: SinkCall[]) => boolean, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let data = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      data += chunk
    })
    request.on('end', () => resolve(data))
    request.on('error', reject)
  })

/** Starts a sink on a free loopback port. */
export async function startSink(): Promise<Sink> {
  const calls: SinkCall[] = []
  const requests: string[] = []
  const server: Server = createServer(async (request, response) => {
    const path = request.url ?? '/'
    requests.push(`${request.method} ${path}`)
    response.setHeader('Access-Control-Allow-Origin', request.headers.origin ?? '*')
    response.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization')
    response.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS')
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end()
      return
    }
    const text = await readBody(request)
    const match = /^\/v1\/([a-z]+)$/.exec(path)
    if (request.method === 'POST' && match && match[1] !== 'm') {
      const body = JSON.parse(text) as SinkCall['body'] & { batch?: SinkCall['body'][] }
      for (const item of body.batch ?? [body]) calls.push({ path: match[1] ?? '', body: item })
    }
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"success":true}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    apiHost: `http://127.0.0.1:${port}/v1`,
    calls,
    requests,
    tracks: () => calls.filter((call) => call.body.type === 'track').map((call) => call.body),
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      while (!predicate(calls)) {
        if (Date.now() > deadline) {
          throw new Error(
            `sink: condition not met within ${timeoutMs} ms; received ${JSON.stringify(calls.map((c) => c.body.event ?? c.body.type))}`,
          )
        }
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
