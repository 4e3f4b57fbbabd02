import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Analytics } from '@segment/analytics-node'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { type RunningCollector, startCollector } from '../../src/collector'
import { backoffMs, batchUrlOf, retryAfterMs } from '../../src/collector/createForwarder'
import { collectorProcess, freePort, waitUntil } from '../support/collectorProcess'

const dirs: string[] = []
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'collector-forward-'))
  dirs.push(dir)
  return join(dir, 'events.duckdb')
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

let n = 0
const track = (event: string, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  event,
  properties: { conversationId: 'c-1', ...extra },
  anonymousId: 'anon-1',
  messageId: `fwd-${++n}-${Math.random().toString(36).slice(2)}`,
  timestamp: new Date().toISOString(),
})

interface Received {
  readonly at: number
  readonly bytes: number
  readonly authorization: string | undefined
  readonly ids: string[]
  readonly events: string[]
}

/** A Segment-compatible receiver whose answer to each request is scripted; it records every request. */
async function fakeReceiver(
  answer: (request: Received, index: number) => 'hold' | { status: number; headers?: Record<string, string> },
) {
  const received: Received[] = []
  const held: ServerResponse[] = []
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      const body = JSON.parse(text) as { batch: { messageId: string; event: string }[] }
      const request: Received = {
        at: Date.now(),
        bytes: Buffer.byteLength(text),
        authorization: req.headers.authorization,
        ids: body.batch.map((call) => call.messageId),
        events: body.batch.map((call) => call.event),
      }
      received.push(request)
      const reply = answer(request, received.length - 1)
      if (reply === 'hold') held.push(res)
      else res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    /** Every messageId that got a 2xx. */
    delivered: new Set<string>(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const health = async (url: string) =>
  ((await (await fetch(`${url}/api/health`)).json()) as { forward: Record<string, unknown> }).forward

describe('forwarding to a Segment-compatible API', () => {
  let running: RunningCollector | undefined
  afterEach(async () => {
    await running?.close()
    running = undefined
  })

  it('retries 429 (honouring Retry-After) and 500, keeps the messageId, and reports it in /api/health', async () => {
    const script = [{ status: 429, headers: { 'Retry-After': '1' } }, { status: 500 }]
    const receiver = await fakeReceiver((_request, index) => script[index] ?? { status: 200 })
    try {
      running = await startCollector({
        port: 0,
        db: ':memory:',
        forward: { url: receiver.url, writeKey: 'segment-key', backoff: { baseMs: 50, maxMs: 200 } },
      })
      const calls = [track('Message Sent'), track('Message Received'), track('Feedback Submitted')]
      const stored = await fetch(`${running.apiHost}/batch`, {
        method: 'POST',
        body: JSON.stringify({ writeKey: 'browser-key', batch: calls }),
      })
      expect(stored.status).toBe(200)
      await waitUntil(
        async () => (await health(running?.url ?? '')).sent === 3,
        30_000,
        async () => JSON.stringify(await health(running?.url ?? '')),
      )
      const ids = calls.map((call) => call.messageId)
      expect(receiver.received.map((request) => request.ids)).toEqual([ids, ids, ids])
      // Retry-After: 1 is honoured before the second attempt
      const [first, second] = receiver.received
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950)
      expect(receiver.received[0]?.authorization).toBe(`Basic ${Buffer.from('segment-key:').toString('base64')}`)
      const state = await health(running.url)
      expect(state).toMatchObject({ url: receiver.url, queued: 0, sent: 3, failing: 0, setAside: 0 })
      expect(state.lastError).toMatchObject({ message: expect.stringContaining('500') })
    } finally {
      await receiver.close()
    }
  })

  it('sets aside the event a receiver refuses with 400, delivers the rest of its batch, and lists it', async () => {
    const receiver = await fakeReceiver((request) => ({ status: request.events.includes('Poison') ? 400 : 200 }))
    try {
      running = await startCollector({ port: 0, db: ':memory:', forward: { url: `${receiver.url}/v1` } })
      const calls = [track('A'), track('B'), track('Poison'), track('C'), track('D'), track('E')]
      await fetch(`${running.apiHost}/batch`, { method: 'POST', body: JSON.stringify({ batch: calls }) })
      await waitUntil(
        async () => (await health(running?.url ?? '')).setAside === 1 && (await health(running?.url ?? '')).sent === 5,
        30_000,
        async () => JSON.stringify(await health(running?.url ?? '')),
      )
      const delivered = receiver.received.filter((request) => !request.events.includes('Poison')).flatMap((r) => r.ids)
      expect(new Set(delivered)).toEqual(new Set(calls.filter((c) => c.event !== 'Poison').map((c) => c.messageId)))
      const listing = (await (await fetch(`${running.url}/api/forward`)).json()) as {
        setAsideEvents: { message_id: string; last_error: string }[]
      }
      expect(listing.setAsideEvents).toEqual([
        expect.objectContaining({ message_id: calls[2]?.messageId, last_error: expect.stringContaining('400') }),
      ])
      // not retried forever: no new attempt after it was set aside
      const attempts = receiver.received.length
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      expect(receiver.received.length).toBe(attempts)
    } finally {
      await receiver.close()
    }
  })

  it('does not queue a re-sent event again: only the new events of a mixed batch are forwarded', async () => {
    const receiver = await fakeReceiver(() => ({ status: 200 }))
    try {
      running = await startCollector({ port: 0, db: ':memory:', forward: { url: receiver.url } })
      const first = [track('A'), track('B')]
      const post = (batch: unknown[]) =>
        fetch(`${running?.apiHost}/batch`, { method: 'POST', body: JSON.stringify({ batch }) })
      expect((await post(first)).status).toBe(200)
      expect((await post([...first, track('C')])).status).toBe(200)
      await waitUntil(
        async () => (await health(running?.url ?? '')).sent === 3,
        30_000,
        async () => JSON.stringify(await health(running?.url ?? '')),
      )
      const ids = receiver.received.flatMap((request) => request.ids)
      expect(ids).toHaveLength(3)
      expect(new Set(ids).size).toBe(3)
      expect(await health(running.url)).toMatchObject({ queued: 0, sent: 3 })
    } finally {
      await receiver.close()
    }
  })

  it('cuts Segment batches at 500 KB', async () => {
    const receiver = await fakeReceiver(() => ({ status: 200 }))
    try {
      running = await startCollector({ port: 0, db: ':memory:', forward: { url: receiver.url } })
      // 400 events of about 3 KB: about 1.2 MB in all
      const calls = Array.from({ length: 400 }, (_, i) =>
        track('Message Sent', { message_body: `${i} ${'x'.repeat(3_000)}` }),
      )
      for (let i = 0; i < calls.length; i += 100) {
        await fetch(`${running.apiHost}/batch`, {
          method: 'POST',
          body: JSON.stringify({ batch: calls.slice(i, i + 100) }),
        })
      }
      await waitUntil(
        async () => (await health(running?.url ?? '')).sent === 400,
        30_000,
        async () => JSON.stringify(await health(running?.url ?? '')),
      )
      expect(receiver.received.length).toBeGreaterThanOrEqual(3)
      for (const request of receiver.received) expect(request.bytes).toBeLessThanOrEqual(500 * 1024)
      expect(new Set(receiver.received.flatMap((r) => r.ids)).size).toBe(400)
    } finally {
      await receiver.close()
    }
  })
})

describe('forwarding between collector processes', () => {
  it('relays events sent with analytics-node to a second collector process, messageIds kept', async () => {
    const receiver = collectorProcess({ port: await freePort(), db: tempDb() })
    await receiver.start()
    const edge = collectorProcess({ port: await freePort(), db: tempDb(), args: ['--forward', receiver.url] })
    await edge.start()
    try {
      expect(edge.output()).toContain(`forward:   every stored event to ${receiver.url}`)
      const analytics = new Analytics({ writeKey: 'server-key', host: edge.url, flushAt: 20, flushInterval: 50 })
      for (let i = 0; i < 50; i++) {
        analytics.track({ userId: 'u-1', event: 'Message Sent', properties: { conversationId: 'c-9', i } })
      }
      await analytics.closeAndFlush({ timeout: 20_000 })
      const ids = async (url: string) =>
        ((await (await fetch(`${url}/api/events?limit=1000`)).json()) as { message_id: string }[])
          .map((row) => row.message_id)
          .sort()
      await waitUntil(
        async () => (await ids(receiver.url)).length === 50,
        30_000,
        async () => `${(await ids(receiver.url)).length}`,
      )
      expect(await ids(receiver.url)).toEqual(await ids(edge.url))
    } finally {
      await edge.stop()
      await receiver.stop()
    }
  })

  it('survives kill -9 mid-forward: after a restart everything arrives, re-sent with the same messageIds', async () => {
    let holding = true
    const receiver = await fakeReceiver(() => (holding ? 'hold' : { status: 200 }))
    const edge = collectorProcess({
      port: await freePort(),
      db: tempDb(),
      args: ['--forward', receiver.url, '--forward-write-key', 'k'],
    })
    try {
      await edge.start()
      const calls = Array.from({ length: 120 }, (_, i) => track(i % 2 ? 'Message Sent' : 'Message Received'))
      const response = await fetch(`${edge.apiHost}/batch`, { method: 'POST', body: JSON.stringify({ batch: calls }) })
      expect(response.status).toBe(200)
      // the first forward request is in flight (held): kill the collector now
      await waitUntil(
        () => receiver.received.length > 0,
        30_000,
        () => 'no forward request',
      )
      await edge.kill()
      holding = false
      await edge.start()
      const sent = new Set(calls.map((call) => call.messageId))
      const arrived = () => new Set(receiver.received.slice(1).flatMap((request) => request.ids))
      await waitUntil(
        () => arrived().size === sent.size,
        30_000,
        () => `${arrived().size} of ${sent.size}`,
      )
      expect(arrived()).toEqual(sent)
      // the request cut by the kill carried the same envelope messageIds as their re-sent copies
      const cut = receiver.received[0]?.ids ?? []
      expect(cut.length).toBeGreaterThan(0)
      for (const id of cut) expect(sent.has(id)).toBe(true)
      // the last acknowledgement empties the outbox
      await waitUntil(
        async () => (await health(edge.url)).queued === 0,
        30_000,
        async () => JSON.stringify(await health(edge.url)),
      )
      expect(await health(edge.url)).toMatchObject({ queued: 0, setAside: 0, sent: 120 })
    } finally {
      await edge.stop()
      await receiver.close()
    }
  })
})

describe('forwarder parts', () => {
  it('finds the batch endpoint, reads Retry-After, and backs off exponentially with bounded jitter', () => {
    expect(batchUrlOf('https://api.segment.io')).toBe('https://api.segment.io/v1/batch')
    expect(batchUrlOf('https://hosted.rudderlabs.com/v1/')).toBe('https://hosted.rudderlabs.com/v1/batch')
    expect(batchUrlOf('http://127.0.0.1:7463/v1/b')).toBe('http://127.0.0.1:7463/v1/b')
    expect(retryAfterMs('3')).toBe(3000)
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000)
    expect(retryAfterMs('soon')).toBeUndefined()
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500)
    expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000)
    expect(backoffMs(30, 1000, 60_000, () => 1)).toBe(60_000)
  })
})
