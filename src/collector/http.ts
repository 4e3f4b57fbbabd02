/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http'
import { promisify } from 'node:util'
import { gunzip, inflate } from 'node:zlib'

/**
 * Lets browser pages on any origin send events (analytics-next's Basic auth header causes a preflight). Only the
 * tracking endpoints (`/v1/*`) set it: they accept writes and answer nothing worth reading.
 */
export function setCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*')
  res.setHeader('Vary', 'Origin')
  res.setHeader(
    'Access-Control-Allow-Headers',
    req.headers['access-control-request-headers'] ?? 'Content-Type, Authorization, Content-Encoding',
  )
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
  res.setHeader('Access-Control-Max-Age', '600')
}

/** Sends `body` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

/**
 * A request body: its text, `tooLarge` when it passed the limit (after decompression), or `badEncoding` when its
 * `Content-Encoding` is unknown or the compressed data is corrupt.
 */
export type Body =
  | { readonly tooLarge: false; readonly badEncoding?: undefined; readonly text: string }
  | { readonly tooLarge: true; readonly badEncoding?: undefined }
  | { readonly tooLarge: false; readonly badEncoding: string; readonly status: 400 | 415 }

const gunzipAsync = promisify(gunzip)
const inflateAsync = promisify(inflate)

const decompress = async (data: Buffer, encoding: string, limit: number): Promise<Body> => {
  try {
    // maxOutputLength stops a zip bomb at the limit instead of inflating it whole
    const options = { maxOutputLength: limit + 1 }
    const text = await (encoding === 'deflate' ? inflateAsync(data, options) : gunzipAsync(data, options))
    return text.length > limit ? { tooLarge: true } : { tooLarge: false, text: text.toString('utf8') }
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { tooLarge: true }
    return { tooLarge: false, badEncoding: `the ${encoding} body could not be decompressed`, status: 400 }
  }
}

/**
 * Reads a request body up to `limit` bytes, whatever its content type (analytics-next sends JSON as text/plain).
 * `Content-Encoding: gzip` (or deflate, as Segment's server libraries may send) is decompressed, and the limit
 * applies to the decompressed size.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase()
  const known = encoding === 'identity' || encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate'
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = Number.isFinite(declared) && declared > limit
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) tooLarge = true
      if (!tooLarge && known) chunks.push(chunk)
    })
    req.on('end', () => {
      if (!known) {
        return resolve({ tooLarge: false, badEncoding: `Content-Encoding ${encoding} is not supported`, status: 415 })
      }
      if (tooLarge) return resolve({ tooLarge: true })
      const data = Buffer.concat(chunks)
      if (encoding === 'identity') return resolve({ tooLarge: false, text: data.toString('utf8') })
      resolve(decompress(data, encoding === 'deflate' ? 'deflate' : 'gzip', limit))
    })
    req.on('error', reject)
  })
}

/** The write key from `Authorization: Basic base64(key:)`, or undefined. */
export function writeKeyOf(req: IncomingMessage): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  if (!match?.[1]) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const key = decoded.split(':')[0]
  return key ? key : undefined
}
