import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/** Serves a page of this folder (`reloadPage.tsx` by default), bundled with esbuild, on a free loopback port. */
export async function servePage(entry = 'reloadPage.tsx'): Promise<{ url: string; close(): Promise<void> }> {
  const result = await build({
    entryPoints: [join(dirname(fileURLToPath(import.meta.url)), entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  })
  const script = result.outputFiles[0]?.text ?? ''
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><title>probe</title></head><body><div id="root"></div><script type="module" src="/page.js"></script></body></html>'
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/page.js')) res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script)
    else res.writeHead(200, { 'Content-Type': 'text/html' }).end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
