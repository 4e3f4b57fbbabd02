import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCollector, type EventRow, type RunningCollector, startCollector } from '../../src/collector'
import { collectorProcess, freePort } from '../support/collectorProcess'
import { fingerprint } from '../support/fingerprint'

const dirs: string[] = []
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'collector-test-'))
  dirs.push(dir)
  return join(dir, 'nested', 'events.duckdb')
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`

let n = 0
/** A track call shaped as analytics-next sends it. */
const track = (event: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  event,
  properties,
  anonymousId: 'anon-1',
  messageId: `ajs-next-${++n}-${Math.random().toString(36).slice(2)}`,
  timestamp: new Date().toISOString(),
  context: { library: { name: 'analytics.js' } },
  ...extra,
})

describe('the collector on its own server', () => {
  let running: RunningCollector
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Authorization: basic('dev'), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  const events = async (query = '') =>
    (await (await fetch(`${running.url}/api/events${query}`)).json()) as (EventRow & Record<string, unknown>)[]

  beforeEach(async () => {
    running = await startCollector({ port: 0, db: ':memory:' })
  })
  afterEach(() => running.close())

  it('stores a text/plain track call with its columns and answers 200 only once it is stored', async () => {
    const call = track(
      'Message Sent',
      { conversationId: 'c-1', messageId: 'm-1', message_body: 'Hello', role: 'customer' },
      { userId: 'u-1', timestamp: '2026-01-01T10:00:00.000+02:00' },
    )
    const response = await post('/v1/t', call)
    expect(response.status).toBe(200)
    // no polling: the 200 means it is already stored
    const [row] = await running.collector.query('SELECT * FROM events')
    expect(row).toMatchObject({
      message_id: call.messageId,
      type: 'track',
      event: 'Message Sent',
      conversation_id: 'c-1',
      chat_message_id: 'm-1',
      user_id: 'u-1',
      anonymous_id: 'anon-1',
      timestamp: '2026-01-01T08:00:00.000Z',
      properties: call.properties,
      context: { library: { name: 'analytics.js' } },
      write_key: fingerprint('dev'),
      valid: true,
      problems: [],
    })
    expect(row?.raw).toEqual(call)
    expect(typeof row?.received_at).toBe('string')
  })

  it('stores each call as sent in raw: its own JSON text, with only the body key dropped and what was missing added', async () => {
    // a number JSON writes as 1e+21, and keys in the sender's order: kept as they came
    const whole =
      '{"type":"track","event":"Message Sent","writeKey":"dev","properties":{"big":1e+21,"zeta":1,"alpha":2},"anonymousId":"anon-1","messageId":"raw-1"}'
    // no type (the path says track); no messageId (the collector makes one)
    const noType = {
      event: 'Message Sent',
      properties: { conversationId: 'c-raw' },
      anonymousId: 'anon-1',
      messageId: 'raw-2',
    }
    const noId = {
      type: 'track',
      event: 'Message Sent',
      properties: { conversationId: 'c-raw' },
      anonymousId: 'anon-1',
    }
    for (const call of [whole, noType, noId]) expect((await post('/v1/t', call)).status).toBe(200)
    const textOf = async (where: string) =>
      (await running.collector.query(`SELECT message_id, raw::VARCHAR AS text FROM events WHERE ${where}`))[0] ?? {}
    expect(await textOf("message_id = 'raw-1'")).toEqual({
      message_id: 'raw-1',
      text: '{"type":"track","event":"Message Sent","properties":{"big":1e+21,"zeta":1,"alpha":2},"anonymousId":"anon-1","messageId":"raw-1"}',
    })
    expect(JSON.parse(String((await textOf("message_id = 'raw-2'")).text))).toEqual({ ...noType, type: 'track' })
    const made = await textOf("message_id LIKE 'collector-%'")
    expect(JSON.parse(String(made.text))).toEqual({ ...noId, messageId: made.message_id })
  })

  it('stores a re-sent messageId once, also within one batch', async () => {
    const call = track('Message Sent', {
      conversationId: 'c-1',
      messageId: 'm-1',
      message_body: 'Hi',
      role: 'customer',
    })
    expect((await post('/v1/t', call)).status).toBe(200)
    const again = await post('/v1/t', call)
    expect(again.status).toBe(200)
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 1 })
    const batch = await post('/v1/b', { batch: [call, call, track('Conversation Started', { conversationId: 'c-1' })] })
    expect(await batch.json()).toMatchObject({ stored: 1, duplicates: 2, rejected: [] })
    expect(
      await running.collector.query('SELECT count(*) AS n FROM events WHERE message_id = ?', [call.messageId]),
    ).toEqual([{ n: 1 }])
    expect((await events()).length).toBe(2)
  })

  it('stores events that break the spec, with the problems beside them', async () => {
    await post('/v1/t', track('Feedback Submitted', { conversationId: 'c-1', messageId: 'm-1', rating: 'great' }))
    await post(
      '/v1/t',
      track('Tool Invoked', { conversationId: 'c-1', messageId: 'm-1', type: 'api', action: 'quote' }),
    )
    await post('/v1/i', {
      type: 'identify',
      userId: 'u-1',
      anonymousId: 'anon-1',
      traits: { plan: 'pro' },
      messageId: 'id-1',
    })
    const [feedback, tool, identify] = await events()
    expect(feedback).toMatchObject({ event: 'Feedback Submitted', valid: false })
    expect(feedback?.problems).toEqual([
      { event: 'Feedback Submitted', field: 'rating', message: 'rating must be a number, got string' },
    ])
    expect(tool).toMatchObject({ event: 'Tool Invoked', valid: true, problems: [] })
    expect(identify).toMatchObject({
      type: 'identify',
      event: null,
      user_id: 'u-1',
      traits: { plan: 'pro' },
      valid: true,
    })
  })

  it('answers bad input with a clear 4xx and keeps everything else', async () => {
    const malformed = await post('/v1/t', '{"type":"track",')
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toEqual({ error: 'malformed JSON body' })

    const notACall = await post('/v1/t', [1, 2])
    expect(notACall.status).toBe(400)
    expect((await notACall.json()).error).toMatch(/JSON object/)
    expect((await post('/v1/t', { type: 'track', event: 'X' })).status).toBe(400) // no userId or anonymousId

    const big = await post(
      '/v1/t',
      track('Message Received', {
        conversationId: 'c-1',
        messageId: 'm-2',
        message_body: 'x'.repeat(33 * 1024),
        role: 'agent',
      }),
    )
    expect(big.status).toBe(400)
    expect((await big.json()).error).toMatch(/32 KB/)

    const hugeBatch = await post('/v1/b', {
      batch: Array.from({ length: 20 }, () => track('Message Sent', { message_body: 'y'.repeat(30 * 1024) })),
    })
    expect(hugeBatch.status).toBe(413)

    const good = track('Conversation Started', { conversationId: 'c-9' })
    const tooBig = track('Message Received', {
      conversationId: 'c-9',
      messageId: 'm-9',
      message_body: 'z'.repeat(40 * 1024),
      role: 'agent',
    })
    const mixed = await post('/v1/b', {
      writeKey: 'dev',
      batch: [good, tooBig, { type: 'track' }],
      sentAt: new Date().toISOString(),
    })
    expect(mixed.status).toBe(200)
    const verdict = await mixed.json()
    expect(verdict).toMatchObject({
      stored: 1,
      rejected: [
        { index: 1, messageId: tooBig.messageId },
        { index: 2, messageId: null },
      ],
    })
    expect(verdict.rejected[0].error).toMatch(/32 KB/)

    expect((await events()).map((row) => row.message_id)).toEqual([good.messageId])
  })

  it('accepts any write key by default, from the Authorization header or the batch body', async () => {
    expect((await post('/v1/t', track('A', {}), { Authorization: basic('any-key') })).status).toBe(200)
    const response = await fetch(`${running.url}/v1/b`, {
      method: 'POST',
      body: JSON.stringify({ writeKey: 'body-key', batch: [track('B', {})] }),
    })
    expect(response.status).toBe(200)
    expect((await events()).map((row) => row.write_key)).toEqual([fingerprint('any-key'), fingerprint('body-key')])
  })

  it('accepts and discards analytics-next metrics', async () => {
    const response = await post('/v1/m', { series: [{ type: 'Counter', metric: 'analytics_js.invoke', value: 1 }] })
    expect(response.status).toBe(200)
    expect(await events()).toEqual([])
  })

  it('lists events newest last, filtered by conversation, event and user, limited to the newest', async () => {
    const calls = [
      track('Conversation Started', { conversationId: 'a' }),
      track(
        'Message Sent',
        { conversationId: 'a', messageId: 'm1', message_body: '1', role: 'customer' },
        { userId: 'u-1' },
      ),
      track('Conversation Started', { conversationId: 'b' }),
      track('Message Sent', { conversationId: 'a', messageId: 'm2', message_body: '2', role: 'customer' }),
      track('Message Received', { conversationId: 'a', messageId: 'm3', message_body: '3', role: 'agent' }),
    ]
    for (const call of calls) await post('/v1/t', call)
    expect((await events()).map((row) => row.message_id)).toEqual(calls.map((call) => call.messageId))
    expect((await events('?conversationId=a&limit=2')).map((row) => row.chat_message_id)).toEqual(['m2', 'm3'])
    expect((await events('?event=Conversation%20Started')).map((row) => row.conversation_id)).toEqual(['a', 'b'])
    expect((await events('?userId=u-1')).map((row) => row.chat_message_id)).toEqual(['m1'])
  })

  it('summarises conversations: user, start and end, message count, feedback average', async () => {
    const at = (s: number) => ({ timestamp: new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString() })
    await post('/v1/b', {
      batch: [
        track('Conversation Started', { conversationId: 'c-1' }, { userId: 'u-1', ...at(0) }),
        track(
          'Message Sent',
          { conversationId: 'c-1', messageId: 'm1', message_body: 'q', role: 'customer' },
          { userId: 'u-1', ...at(1) },
        ),
        track(
          'Message Received',
          { conversationId: 'c-1', messageId: 'm2', message_body: 'a', role: 'agent' },
          { userId: 'u-1', ...at(2) },
        ),
        track('Feedback Submitted', { conversationId: 'c-1', messageId: 'm2', rating: 1 }, { userId: 'u-1', ...at(3) }),
        track('Feedback Submitted', { conversationId: 'c-1', messageId: 'm2', rating: 4 }, { userId: 'u-1', ...at(4) }),
        track('Conversation Ended', { conversationId: 'c-1', message_count: 2 }, { userId: 'u-1', ...at(5) }),
        track('Conversation Started', { conversationId: 'c-2' }, at(10)),
      ],
    })
    const conversations = await (await fetch(`${running.url}/api/conversations`)).json()
    expect(conversations).toEqual([
      expect.objectContaining({
        id: 'c-2',
        user_id: null,
        anonymous_id: 'anon-1',
        started_at: '2026-01-01T12:00:10.000Z',
        ended_at: null,
        message_count: 0,
        feedback_average: null,
      }),
      expect.objectContaining({
        id: 'c-1',
        user_id: 'u-1',
        started_at: '2026-01-01T12:00:00.000Z',
        ended_at: '2026-01-01T12:00:05.000Z',
        message_count: 2,
        // the user changed their mind on m2 (1, then 4): their rating is the last one
        feedback_average: 4,
      }),
    ])
    // ?limit= keeps the newest conversations (by start), with their own feedback
    expect(await (await fetch(`${running.url}/api/conversations?limit=1`)).json()).toEqual([
      expect.objectContaining({ id: 'c-2', feedback_average: null }),
    ])
    expect(await (await fetch(`${running.url}/api/health`)).json()).toMatchObject({ ok: true, events: 7, invalid: 0 })
  })

  it('answers the CORS preflight of a browser and serves settings that point back at itself', async () => {
    const preflight = await fetch(`${running.url}/v1/t`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/i)
    const settings = await (await fetch(`${running.url}/v1/projects/dev/settings`)).json()
    const host = new URL(running.url).host
    expect(settings.integrations['Segment.io']).toMatchObject({
      apiKey: 'dev',
      apiHost: `${host}/v1`,
      protocol: 'http',
    })
  })

  it('serves the live page and streams each new event to it', async () => {
    const page = await fetch(running.url)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    expect(await page.text()).toContain('/api/stream')

    const controller = new AbortController()
    const stream = await fetch(`${running.url}/api/stream`, { signal: controller.signal })
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/)
    if (!stream.body) throw new Error('no stream body')
    const reader = stream.body.pipeThrough(new TextDecoderStream()).getReader()
    const call = track('Feedback Submitted', { conversationId: 'c-1', messageId: 'm-1', rating: 'x' })
    await post('/v1/t', call)
    let received = ''
    while (!received.includes('data: ')) received += (await reader.read()).value ?? ''
    const [streamed] = JSON.parse(received.slice(received.indexOf('data: ') + 6).split('\n')[0] ?? '[]')
    expect(streamed).toMatchObject({ message_id: call.messageId, event: 'Feedback Submitted', valid: false })
    controller.abort()
  })

  it('runs only read-only SQL through query(), with parameters and plain values', async () => {
    await post(
      '/v1/t',
      track('Message Sent', { conversationId: 'c-1', messageId: 'm-1', message_body: 'Hi', role: 'customer' }),
    )
    expect(
      await running.collector.query(
        'SELECT count(*) AS n, max(received_at) IS NOT NULL AS ok FROM events WHERE conversation_id = $1',
        ['c-1'],
      ),
    ).toEqual([{ n: 1, ok: true }])
    await expect(running.collector.query('DELETE FROM events')).rejects.toThrow(/read-only/)
    await expect(running.collector.query('DROP TABLE events')).rejects.toThrow(/read-only/)
    expect(await running.collector.query('SELECT count(*) AS n FROM events')).toEqual([{ n: 1 }])
  })
})

describe('the collector in a host server', () => {
  it('handles its own routes and lets the host answer the rest', async () => {
    const collector = await createCollector({ db: ':memory:', livePagePath: '/events' })
    const server = createServer(async (req, res) => {
      if (await collector.handle(req, res)) return
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('host app')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      expect(await (await fetch(`${base}/`)).text()).toBe('host app')
      expect(await (await fetch(`${base}/chat/42`)).text()).toBe('host app')
      expect(await (await fetch(`${base}/events`)).text()).toContain('Copilot events')
      expect((await fetch(`${base}/v1/t`, { method: 'POST', body: JSON.stringify(track('A', {})) })).status).toBe(200)
      expect(await (await fetch(`${base}/api/health`)).json()).toMatchObject({ events: 1 })
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await collector.close()
    }
  })
})

describe('write keys and durability', () => {
  it('answers 401 to a wrong or missing write key when one is set', async () => {
    const running = await startCollector({ port: 0, db: ':memory:', writeKey: 'secret' })
    try {
      const send = (headers: Record<string, string>) =>
        fetch(`${running.apiHost}/t`, { method: 'POST', headers, body: JSON.stringify(track('A', {})) })
      expect((await send({ Authorization: basic('wrong') })).status).toBe(401)
      expect((await send({})).status).toBe(401)
      expect((await send({ Authorization: basic('secret') })).status).toBe(200)
      expect(await running.collector.query('SELECT write_key FROM events')).toEqual([
        { write_key: fingerprint('secret') },
      ])
    } finally {
      await running.close()
    }
  })

  it('keeps stored events in its database file across restarts', async () => {
    const db = tempDb()
    const first = await startCollector({ port: 0, db })
    const call = track('Conversation Started', { conversationId: 'c-1' })
    expect((await fetch(`${first.apiHost}/t`, { method: 'POST', body: JSON.stringify(call) })).status).toBe(200)
    await first.close()
    const second = await startCollector({ port: 0, db })
    try {
      expect(await second.collector.query('SELECT message_id FROM events')).toEqual([{ message_id: call.messageId }])
    } finally {
      await second.close()
    }
  })
})

describe('the command line', () => {
  it('prints where it listens and the apiHost, stores events, and shuts down cleanly on Ctrl-C', async () => {
    const port = await freePort()
    const db = tempDb()
    const cli = collectorProcess({ port, db })
    await cli.start()
    expect(cli.output()).toContain(`listening on http://127.0.0.1:${port}`)
    expect(cli.output()).toContain(`apiHost:   http://127.0.0.1:${port}/v1`)
    expect((await fetch(`${cli.apiHost}/t`, { method: 'POST', body: JSON.stringify(track('A', {})) })).status).toBe(200)
    expect(await cli.stop()).toBe(0)
    const reopened = await createCollector({ db })
    try {
      expect(await reopened.query('SELECT count(*) AS n FROM events')).toEqual([{ n: 1 }])
    } finally {
      await reopened.close()
    }
  })
})
