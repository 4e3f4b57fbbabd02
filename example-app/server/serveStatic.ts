import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { notFoundPage } from './html'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.map': 'application/json',
}

/**
 * Serves a file of the built client from `root`, and the chat (`index.html` with the runtime config injected)
 * at `/`; any other URL is a 404 page. Never serves outside `root`.
 */
export async function serveStatic(root: string, pathname: string, res: ServerResponse, config: unknown): Promise<void> {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    decoded = pathname // a malformed escape: no file has that name, so it is a 404 below
  }
  const file = normalize(join(root, decoded))
  // index.html is the chat: served below with its config, never as a bare file
  if (file.startsWith(root + sep) && !decoded.endsWith('/') && decoded !== '/index.html') {
    const info = await stat(file).catch(() => undefined)
    if (info?.isFile()) {
      const immutable = decoded.startsWith('/assets/')
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      })
      createReadStream(file).pipe(res)
      return
    }
  }
  // a missing asset is a plain 404 (a stale tab asking for an old bundle fails visibly); an unknown page a page
  if (extname(decoded) !== '' && extname(decoded) !== '.html') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found')
    return
  }
  if (decoded !== '/' && decoded !== '/index.html') {
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
    res.end(notFoundPage(decoded))
    return
  }
  const html = await readFile(join(root, 'index.html'), 'utf8').catch(() => undefined)
  if (html === undefined) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end('The chat client is not built yet: run `npm start` (it builds it), or `npm run build:example`.')
    return
  }
  // the config is JSON in a script tag: escape "<" so no value can close the tag
  const script = `<script>window.__EXAMPLE_CONFIG__=${JSON.stringify(config).replaceAll('<', '\\u003c')}</script>`
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' })
  res.end(html.replace('</head>', `${script}</head>`))
}
