/// <reference types="node" />
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http'
import { Readable, Writable } from 'node:stream'

/** A Node http handler that resolves false when the route is not its own (the collector's `handle`). */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>

/** A web-standard handler: Next.js route handlers, Hono, Bun, Deno, Cloudflare-style `fetch`. */
export type FetchHandler = (request: Request) => Promise<Response>

// statuses whose response must not have a body (the Response constructor throws otherwise)
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304])

const headersOf = (request: Request): IncomingHttpHeaders => {
  const headers: IncomingHttpHeaders = {}
  request.headers.forEach((value, name) => {
    headers[name] = value
  })
  // Node always has a Host header; a Request built from a URL carries it in the URL only
  headers.host ??= new URL(request.url).host
  return headers
}

/** The request side: a readable body with the fields of `IncomingMessage` the collector reads. */
class RequestShim extends Readable {
  readonly method: string
  readonly url: string
  readonly headers: IncomingHttpHeaders
  readonly httpVersion = '1.1'
  readonly socket = { remoteAddress: undefined as string | undefined }
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined

  constructor(request: Request) {
    // 'close' means "the client left" (as for an http request), so it is not emitted at the end of the body
    super({ autoDestroy: false, emitClose: false })
    const url = new URL(request.url)
    this.method = request.method
    this.url = `${url.pathname}${url.search}`
    this.headers = headersOf(request)
    this.#reader = request.body?.getReader()
  }

  override _read(): void {
    const reader = this.#reader
    if (!reader) {
      this.push(null)
      return
    }
    reader.read().then(
      ({ done, value }) => this.push(done ? null : Buffer.from(value)),
      (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
    )
  }
}

const toHeaderLines = (headers: Record<string, OutgoingHttpHeader | undefined>): [string, string][] =>
  Object.entries(headers).flatMap(([name, value]) =>
    value === undefined
      ? []
      : Array.isArray(value)
        ? value.map((v) => [name, v] as [string, string])
        : [[name, String(value)]],
  )

/** The response side: the `ServerResponse` methods the collector calls, turned into a streamed `Response`. */
class ResponseShim extends Writable {
  statusCode = 200
  statusMessage = ''
  headersSent = false
  readonly #headers = new Map<string, { name: string; value: OutgoingHttpHeader }>()
  readonly #isHead: boolean
  readonly #onHeaders: (response: Response) => void
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined
  #waitingForRoom: (() => void) | undefined
  #onClientGone: () => void

  constructor(isHead: boolean, onHeaders: (response: Response) => void, onClientGone: () => void) {
    super({ emitClose: true })
    this.#isHead = isHead
    this.#onHeaders = onHeaders
    this.#onClientGone = onClientGone
  }

  setHeader(name: string, value: OutgoingHttpHeader): this {
    this.#headers.set(name.toLowerCase(), { name, value })
    return this
  }
  getHeader(name: string): OutgoingHttpHeader | undefined {
    return this.#headers.get(name.toLowerCase())?.value
  }
  getHeaders(): Record<string, OutgoingHttpHeader> {
    return Object.fromEntries([...this.#headers].map(([key, { value }]) => [key, value]))
  }
  hasHeader(name: string): boolean {
    return this.#headers.has(name.toLowerCase())
  }
  removeHeader(name: string): void {
    this.#headers.delete(name.toLowerCase())
  }

  writeHead(
    status: number,
    messageOrHeaders?: string | Record<string, OutgoingHttpHeader | undefined> | OutgoingHttpHeader[],
    maybeHeaders?: Record<string, OutgoingHttpHeader | undefined> | OutgoingHttpHeader[],
  ): this {
    this.statusCode = status
    const headers = typeof messageOrHeaders === 'string' ? maybeHeaders : messageOrHeaders
    if (typeof messageOrHeaders === 'string') this.statusMessage = messageOrHeaders
    if (Array.isArray(headers)) {
      // flat [name, value, name, value, …] as Node accepts it
      for (let i = 0; i + 1 < headers.length; i += 2) this.setHeader(String(headers[i]), headers[i + 1] as string)
    } else if (headers) {
      for (const [name, value] of toHeaderLines(headers)) this.setHeader(name, value)
    }
    this.#sendHeaders()
    return this
  }

  flushHeaders(): void {
    this.#sendHeaders()
  }

  #sendHeaders(): void {
    if (this.headersSent) return
    this.headersSent = true
    const headers = new Headers()
    for (const { name, value } of this.#headers.values()) {
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, String(item))
    }
    const noBody = this.#isHead || NULL_BODY_STATUSES.has(this.statusCode)
    const body = noBody
      ? null
      : new ReadableStream<Uint8Array>({
          start: (controller) => {
            this.#controller = controller
          },
          pull: () => {
            this.#waitingForRoom?.()
            this.#waitingForRoom = undefined
          },
          cancel: () => {
            // the client stopped reading (closed the tab, aborted the fetch)
            this.#controller = undefined
            this.#waitingForRoom?.()
            this.#waitingForRoom = undefined
            this.#onClientGone()
          },
        })
    this.#onHeaders(new Response(body, { status: this.statusCode, statusText: this.statusMessage, headers }))
  }

  override _write(chunk: Buffer | string, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#sendHeaders()
    const controller = this.#controller
    if (!controller) {
      callback()
      return
    }
    controller.enqueue(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : new Uint8Array(chunk))
    // hold the writer back while the reader is behind, as a socket would
    if ((controller.desiredSize ?? 1) > 0) callback()
    else this.#waitingForRoom = () => callback()
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#sendHeaders()
    try {
      this.#controller?.close()
    } catch {
      // already cancelled by the client
    }
    this.#controller = undefined
    callback()
  }
}

/**
 * Turns a Node http handler into a web-standard `fetch(request)` handler, so the same routes serve both: the
 * request becomes a readable `IncomingMessage`-like stream, the response is streamed out as soon as its headers
 * are written (the live stream stays open until the client cancels it). A route the handler does not own is 404.
 */
export function toFetchHandler(handle: NodeHandler): FetchHandler {
  return (request) =>
    new Promise<Response>((resolve, reject) => {
      const req = new RequestShim(request)
      let settled = false
      const answer = (response: Response) => {
        if (settled) return
        settled = true
        resolve(response)
      }
      const clientGone = () => {
        req.emit('aborted')
        req.emit('close')
        if (!res.destroyed) res.destroy()
      }
      const res = new ResponseShim(request.method === 'HEAD', answer, clientGone)
      // a broken pipe after the client left is not an error anyone can act on
      res.on('error', () => undefined)
      res.on('finish', () => req.emit('close'))
      request.signal?.addEventListener('abort', clientGone, { once: true })
      handle(req as unknown as IncomingMessage, res as unknown as ServerResponse).then(
        (handled) => {
          if (handled || settled) return
          const text = JSON.stringify({ error: `no collector route for ${request.method} ${req.url}` })
          answer(new Response(text, { status: 404, headers: { 'Content-Type': 'application/json; charset=utf-8' } }))
        },
        (error: unknown) => {
          if (!settled) reject(error)
        },
      )
    })
}

/**
 * Serves `handler` under `basePath` (e.g. `/collector`): the prefix is taken off before the handler sees the
 * request, and a request outside it is 404. For frameworks that hand a route the full URL (Next.js, Hono).
 * @example
 * // app/collector/[[...path]]/route.ts
 * const handler = withBasePath(collector.fetch, '/collector')
 * export { handler as GET, handler as POST, handler as OPTIONS }
 */
export function withBasePath(handler: FetchHandler, basePath: string): FetchHandler {
  const base = basePath.replace(/\/+$/, '')
  return async (request) => {
    const url = new URL(request.url)
    if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) {
      return Response.json({ error: `not under ${base}` }, { status: 404 })
    }
    url.pathname = url.pathname.slice(base.length) || '/'
    // keep the method, headers, body and abort signal; only the URL changes
    const init: RequestInit & { duplex?: 'half' } = {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
    }
    if (request.body) Object.assign(init, { body: request.body, duplex: 'half' })
    return handler(new Request(url, init))
  }
}
