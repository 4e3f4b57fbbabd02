import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Collector, createCollector, withBasePath } from '../../src/collector'

// The web-standard handler, driven with real Request objects as Next.js, Hono, Bun or Deno would hand them over.
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`
const origin = 'http://localhost:3000'

let n = 0
const track = (event: string, properties: Record<string, unknown> = {}) => ({
  type: 'track',
  event,
  properties,
  anonymousId: 'anon-1',
  messageId: `fetch-${++n}-${Math.random().toString(36).slice(2)}`,
  timestamp: new Date().toISOString(),
})

const post = (path: string, body: unknown) =>
  new Request(`${origin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain', Authorization: basic('dev') },
    body: JSON.stringify(body),
  })

describe('collector.fetch', () => {
  let collector: Collector
  beforeEach(async () => {
    collector = await createCollector({ db: ':memory:' })
  })
  afterEach(() => collector.close())

  it('stores a track call and a batch, and reads them back through /api/events', async () => {
    const single = await collector.fetch(post('/v1/t', track('Message Sent', { conversationId: 'c-1' })))
    expect(single.status).toBe(200)
    expect(single.headers.get('content-type')).toContain('application/json')
    expect(await single.json()).toMatchObject({ success: true, stored: 1 })

    const batch = await collector.fetch(post('/v1/batch', { batch: [track('A'), track('B'), { nope: 1 }] }))
    expect(batch.status).toBe(200)
    expect(await batch.json()).toMatchObject({ stored: 2, rejected: [{ index: 2 }] })

    const read = await collector.fetch(new Request(`${origin}/api/events?event=B`))
    expect(read.status).toBe(200)
    expect((await read.json()) as unknown[]).toEqual([expect.objectContaining({ event: 'B' })])
    expect(await collector.query('SELECT count(*) AS n FROM events')).toEqual([{ n: 3 }])
  })

  it('answers a preflight with 204 and no body, a wrong method with 405, a foreign route with 404', async () => {
    const preflight = await collector.fetch(
      new Request(`${origin}/v1/t`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Headers': 'authorization' },
      }),
    )
    expect(preflight.status).toBe(204)
    expect(preflight.body).toBeNull()
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')

    expect((await collector.fetch(new Request(`${origin}/api/events`, { method: 'DELETE' }))).status).toBe(405)
    const foreign = await collector.fetch(new Request(`${origin}/somewhere/else`))
    expect(foreign.status).toBe(404)
    expect(await foreign.json()).toMatchObject({ error: expect.stringContaining('/somewhere/else') })
  })

  it('serves the live page as HTML, and HEAD without a body', async () => {
    const page = await collector.fetch(new Request(`${origin}/`))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(await page.text()).toContain('<html')
    const head = await collector.fetch(new Request(`${origin}/api/health`, { method: 'HEAD' }))
    expect(head.status).toBe(200)
    expect(head.body).toBeNull()
  })

  it('rejects malformed JSON with 400, not 500', async () => {
    const response = await collector.fetch(
      new Request(`${origin}/v1/t`, { method: 'POST', body: '{"type":', headers: { Authorization: basic('dev') } }),
    )
    expect(response.status).toBe(400)
  })

  it('streams stored events to /api/stream until the client cancels it', async () => {
    const stream = await collector.fetch(new Request(`${origin}/api/stream`))
    expect(stream.status).toBe(200)
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let received = ''
    const call = track('Streamed Event')
    expect((await collector.fetch(post('/v1/t', call))).status).toBe(200)
    while (!received.includes(call.messageId)) {
      const { value, done } = await reader.read()
      if (done) throw new Error(`stream ended early: ${received}`)
      received += decoder.decode(value, { stream: true })
    }
    expect(received).toContain('data: ')
    await reader.cancel()
    // after the client left, storing more events must not fail on the dead stream
    expect((await collector.fetch(post('/v1/t', track('After Cancel')))).status).toBe(200)
  })

  it('ends the live stream when the collector closes', async () => {
    const stream = await collector.fetch(new Request(`${origin}/api/stream`))
    const text = stream.text()
    await collector.close()
    expect(await text).toContain('retry:')
  })

  it('mounts under a base path with withBasePath (as a Next.js catch-all route would)', async () => {
    const handler = withBasePath(collector.fetch, '/collector/')
    expect((await handler(post('/collector/v1/t', track('Under Base')))).status).toBe(200)
    const read = await handler(new Request(`${origin}/collector/api/events`))
    expect((await read.json()) as unknown[]).toEqual([expect.objectContaining({ event: 'Under Base' })])
    expect((await handler(new Request(`${origin}/elsewhere/api/events`))).status).toBe(404)
  })

  it('refuses a foreign Host on every route unless allowedHosts names it; reads stay same-origin', async () => {
    // DNS rebinding: a foreign name that resolves to the machine the host app runs on
    const rebound = 'http://rebound.example:3000'
    for (const request of [
      new Request(`${rebound}/v1/t`, { method: 'POST', body: JSON.stringify(track('X')) }),
      new Request(`${rebound}/api/events`),
      new Request(`${rebound}/`),
    ]) {
      const response = await collector.fetch(request)
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ error: expect.stringContaining('allowedHosts') })
    }
    // the Host header wins over the URL, as Next.js hands it over
    const spoofed = new Request(`${origin}/api/events`, { headers: { Host: 'rebound.example:3000' } })
    expect((await collector.fetch(spoofed)).status).toBe(403)
    // loopback names on the host app's port pass
    expect((await collector.fetch(new Request('http://127.0.0.1:8787/api/health'))).status).toBe(200)
    // a read from another site's page is still refused
    const crossSite = new Request(`${origin}/api/events`, { headers: { Origin: 'http://localhost:5173' } })
    expect((await collector.fetch(crossSite)).status).toBe(403)

    const deployed = await createCollector({ db: ':memory:', allowedHosts: ['app.example.com'] })
    try {
      const write = await deployed.fetch(
        new Request('https://app.example.com/v1/t', {
          method: 'POST',
          body: JSON.stringify(track('Deployed')),
        }),
      )
      expect(write.status).toBe(200)
      expect((await deployed.fetch(new Request('https://app.example.com/api/events'))).status).toBe(200)
      expect((await deployed.fetch(new Request(`${rebound}/api/events`))).status).toBe(403)
    } finally {
      await deployed.close()
    }
  })

  it('answers hostile requests with a status below 500 and never throws (seeded fuzz)', async () => {
    const paths = fc.oneof(
      fc.constantFrom(
        '/v1/t',
        '/v1/b',
        '/v1/batch',
        '/v1/i',
        '/v1/m',
        '/api/events',
        '/api/health',
        '/api/forward',
        '/',
      ),
      fc.webPath(),
    )
    const bodies = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify({ batch: [value] })),
      fc.constant('{"type":"track","event":"X","anonymousId":"a","properties":{"\\ud800":1}}'),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'OPTIONS', 'HEAD'),
        paths,
        bodies,
        async (method, path, body) => {
          const request = new Request(`${origin}${path.startsWith('/') ? path : `/${path}`}`, {
            method,
            ...(method === 'POST' || method === 'PUT' ? { body } : {}),
          })
          const response = await collector.fetch(request)
          if (path === '/api/stream') await response.body?.cancel()
          else await response.arrayBuffer()
          expect(response.status).toBeLessThan(500)
        },
      ),
      { seed: 18, numRuns: 150 },
    )
  })
})
