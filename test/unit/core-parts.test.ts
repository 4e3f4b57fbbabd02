import { expect, it, vi } from 'vitest'
import { createCopilotAnalytics, memoryDestination } from '../../src/core'
import { parseApiHost, segmentLoadArguments } from '../../src/core/destinations'
import { sanitizeProperties, utf8Length } from '../../src/core/sanitize'
import { createSafeStorage } from '../../src/core/storage'
import { fitEvent, truncateToJsonBytes } from '../../src/core/truncate'

it('truncates message_body so the whole event stays under the budget, marking it', async () => {
  const destination = memoryDestination()
  const client = createCopilotAnalytics({ destination, storage: null })
  await client.flush() // its engine is here: events reach the destination as they are made
  const body = `${'é'.repeat(20_000)}🚀${'x'.repeat(20_000)}`
  client.messageReceived({ body, model: 'scripted' })
  const event = destination.events.find((e) => e.type === 'track' && e.event === 'Message Received')
  if (event?.type !== 'track') throw new Error('not sent')
  const json = JSON.stringify(event.properties)
  expect(utf8Length(json)).toBeLessThanOrEqual(28 * 1024)
  expect(utf8Length(json)).toBeGreaterThan(27 * 1024) // cut to fit, not cut to nothing
  expect(event.properties).toMatchObject({
    message_body_truncated: true,
    message_body_length: 40_001,
    model: 'scripted',
  })
  expect(body.startsWith(event.properties.message_body as string)).toBe(true)
})

it('leaves events that fit untouched, and counts JSON escapes when cutting', () => {
  const small = { type: 'track', properties: { message_body: 'short' } }
  expect(fitEvent(small, 1000, () => {})).toBe(small)
  const quoted = { type: 'track', properties: { message_body: '"\n'.repeat(3000) } }
  const fitted = fitEvent(quoted, 2000, () => {})
  expect(utf8Length(JSON.stringify(fitted))).toBeLessThanOrEqual(2000)
  expect(utf8Length(JSON.stringify(fitted))).toBeGreaterThan(1990)
})

it('never splits a surrogate pair', () => {
  expect(truncateToJsonBytes('a🚀', 3)).toBe('a')
  expect(truncateToJsonBytes('a🚀', 5)).toBe('a🚀')
})

it('sanitises unsendable values and names their path', () => {
  const loop: Record<string, unknown> = { name: 'loop' }
  loop.self = loop
  const { value, fixes } = sanitizeProperties({
    nested: { loop, fn: () => 1, big: 10n, when: new Date(0), nan: Number.NaN },
    list: [undefined, 1],
  })
  expect(value).toEqual({
    nested: { loop: { name: 'loop', self: '[Circular]' }, big: '10', when: '1970-01-01T00:00:00.000Z', nan: null },
    list: [null, 1],
  })
  expect(fixes.map((f) => f.path)).toEqual(['nested.loop.self', 'nested.fn', 'nested.nan'])
})

it('falls back to memory once when storage throws, keeping what was written', () => {
  const onFailure = vi.fn()
  let fail = false
  const data = new Map<string, string>()
  const flaky = {
    getItem: (k: string) => {
      if (fail) throw new Error('gone')
      return data.get(k) ?? null
    },
    setItem: (k: string, v: string) => {
      if (fail) throw new Error('quota')
      data.set(k, v)
    },
    removeItem: (k: string) => void data.delete(k),
  }
  const storage = createSafeStorage(flaky, onFailure)
  storage.setItem('a', '1')
  fail = true
  expect(storage.getItem('a')).toBe('1')
  storage.setItem('b', '2')
  expect(storage.getItem('b')).toBe('2')
  expect(onFailure).toHaveBeenCalledTimes(1)
})

it('with apiHost, analytics-next gets settings, events and metrics all on that host', () => {
  expect(parseApiHost('http://127.0.0.1:7463/v1/')).toEqual({ protocol: 'http', host: '127.0.0.1:7463/v1' })
  expect(parseApiHost('events.example.com/v1')).toEqual({ protocol: 'https', host: 'events.example.com/v1' })
  const { settings, init } = segmentLoadArguments({ writeKey: 'k', apiHost: 'http://127.0.0.1:7463/v1' })
  expect(settings).toMatchObject({
    cdnSettings: {
      integrations: { 'Segment.io': { apiKey: 'k', apiHost: '127.0.0.1:7463/v1', protocol: 'http' } },
      metrics: { host: '127.0.0.1:7463/v1', protocol: 'http' },
    },
  })
  expect(init).toMatchObject({
    integrations: { 'Segment.io': { apiHost: '127.0.0.1:7463/v1', protocol: 'http' } },
    storage: { stores: ['localStorage', 'memory'] },
  })
  expect(segmentLoadArguments({ writeKey: 'k', cookieIdentity: true }).init).toEqual({})
})

it('identify joins the known user to the anonymousId; reset starts a new visitor and conversation', async () => {
  const destination = memoryDestination()
  const client = createCopilotAnalytics({ destination, storage: null })
  await client.flush() // its engine is here: events reach the destination as they are made
  const { anonymousId } = client.getState().identity
  const conversationBefore = client.getState().conversation.id
  client.identify('user-1', { email: 'a@b.co' })
  client.messageSent({ body: 'hi' })
  client.reset()
  const after = client.getState()
  expect(after.identity.anonymousId).not.toBe(anonymousId)
  expect(after.identity.userId).toBeNull()
  expect(after.conversation.id).not.toBe(conversationBefore)
  expect(destination.events[0]).toMatchObject({
    type: 'identify',
    userId: 'user-1',
    anonymousId,
    traits: { email: 'a@b.co' },
  })
  expect(destination.events[2]).toMatchObject({ type: 'track', userId: 'user-1', anonymousId })
})

it("accepts the legacy name 'Tool Invoked' without the role it predates", async () => {
  const { validateTrack } = await import('../../src/spec')
  expect(validateTrack('Tool Invoked', { conversationId: 'c', type: 'Search', action: 'look up' })).toEqual([])
  expect(validateTrack('Action Invoked', { conversationId: 'c', type: 'Search', action: 'look up' })).toEqual([
    { event: 'Action Invoked', field: 'role', message: 'role is required (string)' },
  ])
})

it('a message changes the state once, so subscribers (useConversation) are told once', () => {
  const client = createCopilotAnalytics({ destination: memoryDestination(), storage: null })
  const changes: number[] = []
  client.subscribe((state) => changes.push(state.conversation.messageCount))
  client.messageSent({ body: 'first: starts the conversation too' })
  client.messageReceived({ body: 'answer' })
  expect(changes).toEqual([1, 2])
  expect(client.getState().conversation.started).toBe(true)
})
