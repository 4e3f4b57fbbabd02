// The event store's shared commit (issue 13, item 3, second line of defence): when a row that slipped past
// validation makes the shared commit fail, each request in it is retried alone, so only that one fails.
import { afterAll, expect, it } from 'vitest'
import { type EventStore, openEventStore } from '../../src/collector/openEventStore'
import type { EventRow } from '../../src/collector/types'

let store: EventStore | undefined
afterAll(() => store?.close())

const row = (id: string, timestamp = new Date().toISOString()): EventRow => ({
  message_id: id,
  type: 'track',
  event: 'Message Sent',
  conversation_id: 'c-store',
  chat_message_id: null,
  user_id: null,
  anonymous_id: 'a',
  timestamp,
  received_at: new Date().toISOString(),
  properties: {},
  traits: null,
  context: null,
  raw: { messageId: id },
  write_key: '',
  valid: true,
  problems: [],
})

it('fails only the request whose row cannot be stored; the others in the same commit are stored', async () => {
  store = await openEventStore(':memory:')
  const results = await Promise.allSettled([
    store.insert([row('good-1')]),
    // not a timestamp DuckDB can hold: the INSERT of the shared commit fails on it
    store.insert([row('bad-1', '+275760-09-13T00:00:00.000Z')]),
    store.insert([row('good-2'), row('good-3')]),
  ])
  expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
  expect(await store.query('SELECT message_id FROM events ORDER BY message_id')).toEqual([
    { message_id: 'good-1' },
    { message_id: 'good-2' },
    { message_id: 'good-3' },
  ])
})
