import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningCollector, startCollector } from '../../src/collector'
import type { CopilotAnalyticsError } from '../../src/core'
import { createEventsProxy } from '../../src/server'
import { freePort } from '../support/collectorProcess'
import { fingerprint } from '../support/fingerprint'

let running: RunningCollector
beforeAll(async () => {
  running = await startCollector({ port: 0, db: ':memory:' })
})
afterAll(() => running?.close())

const basic = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`

/** A call as analytics-next sends it: JSON as text/plain, the write key in Authorization. */
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://app.test/api/events${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', authorization: basic('browser-key'), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

const track = (messageId: string, event = 'Message Sent') => ({
  type: 'track',
  event,
  messageId,
  anonymousId: 'anon-proxy',
  properties: { conversationId: 'c-proxy', message_body: 'hi', role: 'customer', messageId: 'm-1' },
  timestamp: new Date().toISOString(),
  context: { library: { name: 'analytics.js' } },
})

describe('createEventsProxy, with real Requests to the real collector', () => {
  it("forwards Segment's tracking calls with their write key and answers what Segment answered", async () => {
    const proxy = createEventsProxy({ to: running.apiHost })
    const single = await proxy(post('/v1/t', track('proxy-1')))
    const batch = await proxy(
      post('/v1/b', { batch: [track('proxy-2', 'Feedback Submitted'), track('proxy-3')], writeKey: 'browser-key' }),
    )
    const direct = await fetch(`${running.apiHost}/t`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: basic('browser-key') },
      body: JSON.stringify(track('direct-1')),
    })
    expect(single.status).toBe(direct.status)
    expect(await single.json()).toEqual(await direct.json())
    expect(batch.status).toBe(200)
    const rows = await running.collector.query(
      "SELECT message_id, write_key FROM events WHERE message_id LIKE 'proxy-%' ORDER BY message_id",
    )
    expect(rows).toEqual([
      { message_id: 'proxy-1', write_key: fingerprint('browser-key') },
      { message_id: 'proxy-2', write_key: fingerprint('browser-key') },
      { message_id: 'proxy-3', write_key: fingerprint('browser-key') },
    ])
  })

  it("relays Segment's refusals (4xx) as they are, so analytics-next drops rather than retries", async () => {
    const proxy = createEventsProxy({ to: running.apiHost })
    const response = await proxy(post('/v1/t', '{not json'))
    expect(response.status).toBe(400)
  })

  it('answers 404 for anything but a tracking call and 405 for another method, forwarding nothing', async () => {
    const forwarded: string[] = []
    const proxy = createEventsProxy({
      to: running.apiHost,
      fetch: async (url) => {
        forwarded.push(String(url))
        return new Response('{}')
      },
    })
    for (const path of ['/v1/projects/key/settings', '/v1/', '/v1/../admin', '/t', '/v1/t/extra', '/v1/events']) {
      expect((await proxy(post(path, track('x')))).status, path).toBe(404)
    }
    expect((await proxy(new Request('http://app.test/api/events/v1/t'))).status).toBe(405)
    expect(forwarded).toEqual([])
  })

  it('caps the body: 413 over maxBodyBytes, declared or streamed', async () => {
    const proxy = createEventsProxy({ to: running.apiHost, maxBodyBytes: 1000 })
    expect((await proxy(post('/v1/t', 'x'.repeat(1001)))).status).toBe(413)
    const stream = new ReadableStream({
      start(controller) {
        for (let index = 0; index < 10; index++) controller.enqueue(new TextEncoder().encode('y'.repeat(500)))
        controller.close()
      },
    })
    const streamed = new Request('http://app.test/api/events/v1/b', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect((await proxy(streamed)).status).toBe(413)
  })

  it('answers 502 when Segment cannot be reached and 500 when misconfigured, reporting both, never throwing', async () => {
    const errors: CopilotAnalyticsError[] = []
    const down = createEventsProxy({ to: `http://127.0.0.1:${await freePort()}/v1`, onError: (e) => errors.push(e) })
    expect((await down(post('/v1/t', track('down-1')))).status).toBe(502)
    const misconfigured = createEventsProxy({ to: 'not a url', onError: (e) => errors.push(e) })
    expect((await misconfigured(post('/v1/t', track('bad-1')))).status).toBe(500)
    expect(errors.map((error) => error.field)).toEqual(['to', 'to'])
  })
})
