import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningCollector, startCollector } from '../../src/collector'
import { createProfileReader } from '../../src/server/createProfileReader'

const basic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString('base64')}`

describe('createProfileReader against the collector', () => {
  let running: RunningCollector
  beforeAll(async () => {
    running = await startCollector({ port: 0, db: ':memory:', profileToken: 'tok' })
    const at = new Date().toISOString()
    const batch = [
      { type: 'identify', anonymousId: 'v1', userId: 'ada', traits: { plan: 'pro' }, messageId: 'i1', timestamp: at },
      {
        type: 'track',
        event: 'Conversation Started',
        anonymousId: 'v1',
        properties: { conversationId: 'c' },
        messageId: 't1',
        timestamp: at,
      },
      {
        type: 'track',
        event: 'Conversation Started',
        anonymousId: 'v2',
        properties: { conversationId: 'd' },
        messageId: 't2',
        timestamp: at,
      },
    ]
    const response = await fetch(`${running.apiHost}/batch`, {
      method: 'POST',
      headers: { Authorization: basic('dev') },
      body: JSON.stringify({ batch }),
    })
    expect(response.status).toBe(200)
  })
  afterAll(() => running.close())

  it('reads a known user first, an anonymous visitor otherwise, and caches what it read', async () => {
    let requests = 0
    const reader = createProfileReader({
      spaceId: 'local',
      token: 'tok',
      url: running.url,
      fetch: (input, init) => {
        requests++
        return fetch(input, init)
      },
    })
    expect(await reader.traits({ userId: 'ada', anonymousId: 'whatever' })).toMatchObject({
      plan: 'pro',
      conversations_started: 1,
    })
    expect(await reader.traits({ userId: 'nobody', anonymousId: 'v2' })).toMatchObject({ conversations_started: 1 })
    const before = requests
    await reader.traits({ userId: 'ada', anonymousId: 'whatever' })
    expect(requests).toBe(before)
    reader.clear()
    await reader.traits({ userId: 'ada', anonymousId: 'whatever' })
    expect(requests).toBe(before + 1)
    expect(await reader.traits({ userId: 'ada' }, { include: ['plan'] })).toEqual({ plan: 'pro' })
  })

  it('answers {} for an unknown profile, a wrong token or hostile input, and reports real failures', async () => {
    const errors: Error[] = []
    const reader = createProfileReader({
      spaceId: 'local',
      token: 'wrong',
      url: running.url,
      onError: (e) => errors.push(e),
    })
    expect(await reader.traits({ userId: 'ada' })).toEqual({})
    expect(errors[0]?.message).toBe('Profile API answered 401 for user_id')
    const good = createProfileReader({ spaceId: 'local', token: 'tok', url: running.url })
    expect(await good.traits({ userId: 'nobody' })).toEqual({})
    for (const who of [null, undefined, 42, { userId: 5 }, { userId: 'x'.repeat(5_000) }, { anonymousId: '' }])
      expect(await good.traits(who as never)).toEqual({})
    expect(await good.traits({ userId: 'ada' }, { include: 'plan' as never })).toMatchObject({ plan: 'pro' })
  })
})

describe('createProfileReader when the Profile API is slow or down', () => {
  let slow: Server
  let url: string
  beforeAll(async () => {
    slow = createServer((req, res) => {
      if (req.url?.includes('broken')) res.writeHead(503).end()
      else
        setTimeout(
          () => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"traits":{"late":true}}'),
          2_000,
        )
    })
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`
  })
  afterAll(() => {
    slow.closeAllConnections()
    return new Promise<void>((resolve) => slow.close(() => resolve()))
  })

  it('gives up after the timeout and answers without the profile', async () => {
    const errors: Error[] = []
    const reader = createProfileReader({ spaceId: 's', url, timeoutMs: 100, onError: (e) => errors.push(e) })
    expect(await reader.traits({ userId: 'ada' })).toEqual({})
    expect(errors[0]?.name).toBe('TimeoutError')
    expect(await reader.traits({ userId: 'broken' })).toEqual({})
    expect(errors[1]?.message).toBe('Profile API answered 503 for user_id')
  })

  it('survives an onError that throws and a fetch that throws synchronously', async () => {
    const reader = createProfileReader({
      spaceId: 's',
      url,
      onError: () => {
        throw new Error('handler bug')
      },
      fetch: () => {
        throw new Error('no network')
      },
    })
    expect(await reader.traits({ userId: 'ada' })).toEqual({})
  })
})
