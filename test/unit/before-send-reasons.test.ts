// beforeSend fails closed, and says why: each way a hook's result can fail to be an event has its own sentence
// (development builds), worded from the one check that decided it (src/core/beforeSend.ts).
import { beforeEach, expect, it, vi } from 'vitest'
import {
  type CopilotAnalyticsError,
  type CopilotEvent,
  createCopilotAnalytics,
  memoryDestination,
} from '../../src/core'

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})

const withTrack = (change: (event: CopilotEvent & { type: 'track' }) => unknown) => (event: CopilotEvent) =>
  (event.type === 'track' ? change(event) : event) as CopilotEvent

it.each([
  ['a string', withTrack(() => 'nope'), 'must return the event or null, got string'],
  ['undefined', withTrack(() => undefined), 'must return the event or null, got undefined'],
  ['an array', withTrack(() => []), 'must return the event or null, got object'],
  ['another type', withTrack((event) => ({ ...event, type: 'page' })), 'changed the event type to page'],
  ['no anonymousId', withTrack((event) => ({ ...event, anonymousId: ' ' })), 'returned no anonymousId'],
  ['no event name', withTrack((event) => ({ ...event, event: '' })), 'returned no event name'],
  [
    'properties that are not an object',
    withTrack((event) => ({ ...event, properties: ['a'] })),
    'returned properties that are not an object',
  ],
])('a track event whose hook returns %s is dropped, and the report says so', async (_, beforeSend, why) => {
  const destination = memoryDestination()
  const errors: CopilotAnalyticsError[] = []
  const client = createCopilotAnalytics({ destination, storage: null, beforeSend, onError: (e) => errors.push(e) })
  client.track('Stock Purchased', { ticker: 'NVDA' })
  await client.flush()
  expect(destination.events).toEqual([])
  expect(errors.map((error) => error.message)).toEqual([
    `[copilot-analytics] Stock Purchased: beforeSend: ${why}; the event was dropped`,
  ])
})

it('an identify whose hook returns traits that are not an object is dropped; its track events still go', async () => {
  const destination = memoryDestination()
  const errors: CopilotAnalyticsError[] = []
  const client = createCopilotAnalytics({
    destination,
    storage: null,
    beforeSend: (event) => (event.type === 'identify' ? ({ ...event, traits: 'vip' } as never) : event),
    onError: (e) => errors.push(e),
  })
  client.identify('user-1')
  client.track('Stock Purchased', { ticker: 'NVDA' })
  await client.flush()
  expect(destination.events.map((event) => event.type)).toEqual(['track'])
  expect(errors.map((error) => error.message)).toEqual([
    '[copilot-analytics] Identify: beforeSend: returned traits that are not an object; the event was dropped',
  ])
})
