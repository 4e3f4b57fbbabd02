import { afterAll, beforeAll, expect, it } from 'vitest'
import { createCopilotAnalytics } from '../../src/core'
import { type Sink, startSink } from '../support/sink'

let sink: Sink
beforeAll(async () => {
  sink = await startSink()
})
afterAll(() => sink.close())

it('sends spec events through the real analytics-next to apiHost only', async () => {
  const client = createCopilotAnalytics({ apiHost: sink.apiHost })
  client.start()
  const messageId = client.messageSent({ body: 'Hello' })
  await sink.waitFor(() => sink.tracks().length >= 2)
  const [started, sent] = sink.tracks()
  expect(started?.event).toBe('Conversation Started')
  expect(sent).toMatchObject({
    event: 'Message Sent',
    properties: { messageId, message_body: 'Hello', role: 'customer' },
  })
  expect(sent?.messageId).not.toBe(messageId)
  expect(sent?.anonymousId).toBe(client.getState().identity.anonymousId)
  expect(sink.calls[0]?.body.type).toBe('identify')
})

it('events held for consent keep the time they happened', async () => {
  const client = createCopilotAnalytics({ apiHost: sink.apiHost, consent: 'pending' })
  client.track('Stock Purchased', { ticker: 'HELD' })
  const happened = Date.now()
  await new Promise((resolve) => setTimeout(resolve, 1_200))
  client.setConsent('granted')
  await sink.waitFor(() => sink.tracks().some((e) => e.properties?.ticker === 'HELD'))
  const held = sink.tracks().find((e) => e.properties?.ticker === 'HELD')
  const sentAt = Date.parse(String(held?.timestamp))
  expect(Math.abs(sentAt - happened)).toBeLessThan(500)
})
