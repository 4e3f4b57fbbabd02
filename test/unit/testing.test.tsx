import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactNode } from 'react'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { EventRecord } from '../../src/core'
import { memoryDestination } from '../../src/core'
import { useConversation, useTrackMessage } from '../../src/react'
import {
  createTestCopilotAnalytics,
  renderWithCopilotAnalytics,
  type TestCopilotAnalytics,
  type TrackedEvent,
} from '../../src/testing'
import '../../src/testing/vitest'

/** The message the matcher's failure would show a user. */
const failureOf = (assertion: () => void): string => {
  try {
    assertion()
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the assertion to fail')
}

const chat = (analytics: TestCopilotAnalytics) => {
  analytics.messageSent({ body: 'What is the best stock?' })
  const answer = analytics.messageReceived({ body: 'NVDA' })
  analytics.feedbackSubmitted({ rating: 'up', messageId: answer })
}

describe('createTestCopilotAnalytics', () => {
  it('records events in memory and finds them by name and conversation', () => {
    const analytics = createTestCopilotAnalytics()
    const first = analytics.startConversation('c-1')
    chat(analytics)
    analytics.startConversation('c-2')
    analytics.messageSent({ body: 'Another chat' })

    expect(first).toBe('c-1')
    expect(analytics.tracks().map((event) => event.event)).toEqual([
      'Conversation Started',
      'Message Sent',
      'Message Received',
      'Feedback Submitted',
      'Conversation Started',
      'Message Sent',
    ])
    expect(analytics.find('Message Sent')?.properties.message_body).toBe('What is the best stock?')
    expect(analytics.find('Message Sent', { conversationId: 'c-2' })?.properties.message_body).toBe('Another chat')
    expect(analytics.findAll('Message Sent')).toHaveLength(2)
    expect(analytics.findAll(undefined, { conversationId: 'c-2' }).map((event) => event.event)).toEqual([
      'Conversation Started',
      'Message Sent',
    ])
    expect(analytics.find('Conversation Ended')).toBeUndefined()
  })

  it('keeps records with the pipeline status, and clear() forgets events but not the conversation', () => {
    const analytics = createTestCopilotAnalytics({ consent: 'pending' })
    analytics.messageSent({ body: 'Hi' })
    expect(analytics.events).toHaveLength(0)
    expect(analytics.records.map((record) => record.status)).toEqual(['held', 'held'])

    analytics.setConsent('granted')
    expect(analytics.events).toHaveLength(2)
    const conversationId = analytics.getState().conversation.id

    analytics.clear()
    expect(analytics.events).toHaveLength(0)
    expect(analytics.records).toHaveLength(0)
    analytics.messageSent({ body: 'Again' })
    expect(analytics.tracks().map((event) => [event.event, event.properties.conversationId])).toEqual([
      ['Message Sent', conversationId],
    ])
  })

  it('gives every call a fresh client with nothing persisted', () => {
    const a = createTestCopilotAnalytics()
    a.messageSent({ body: 'Hi' })
    const b = createTestCopilotAnalytics()
    expect(b.events).toHaveLength(0)
    expect(b.getState().conversation.id).not.toBe(a.getState().conversation.id)
    expect(b.getState().identity.anonymousId).not.toBe(a.getState().identity.anonymousId)
  })
})

describe('toHaveTrackedEvent', () => {
  it('matches by name and a partial, deep set of properties', () => {
    const analytics = createTestCopilotAnalytics()
    chat(analytics)
    analytics.track('Stock Purchased', { order: { ticker: 'NVDA', quantity: 10 } })

    expect(analytics).toHaveTrackedEvent('Message Sent')
    expect(analytics).toHaveTrackedEvent('Message Sent', { role: 'customer' })
    expect(analytics).toHaveTrackedEvent('Feedback Submitted', { rating: 1, messageId: expect.any(String) })
    expect(analytics).toHaveTrackedEvent('Stock Purchased', { order: { ticker: 'NVDA' } })
    expect(analytics).not.toHaveTrackedEvent('Message Sent', { role: 'agent' })
    expect(analytics).not.toHaveTrackedEvent('Conversation Ended')
  })

  it('narrows to a conversation', () => {
    const analytics = createTestCopilotAnalytics()
    analytics.startConversation('c-1')
    analytics.messageSent({ body: 'Hi' })
    expect(analytics).toHaveTrackedEvent('Message Sent', { message_body: 'Hi' }, { conversationId: 'c-1' })
    expect(analytics).not.toHaveTrackedEvent('Message Sent', undefined, { conversationId: 'c-2' })
  })

  it('fails with the events received and a diff of the closest event', () => {
    const analytics = createTestCopilotAnalytics()
    analytics.startConversation('c-1')
    chat(analytics)
    const message = failureOf(() =>
      expect(analytics).toHaveTrackedEvent('Message Sent', { role: 'agent', message_body: 'What is the best stock?' }),
    )
    expect(message).toContain('1 "Message Sent" event, none matching')
    expect(message).toContain('Received 4 track events:')
    expect(message).toContain('2. Message Sent {"conversationId":"c-1"')
    expect(message).toMatch(/-\s+"role": "agent"/)
    expect(message).toMatch(/\+\s+"role": "customer"/)
    // properties the test did not ask about stay out of the diff
    expect(message).not.toMatch(/[-+]\s+"messageId"/)

    const missing = failureOf(() => expect(analytics).toHaveTrackedEvent('Conversation Ended'))
    expect(missing).toContain('no "Conversation Ended" event was tracked')

    const negated = failureOf(() => expect(analytics).not.toHaveTrackedEvent('Message Received'))
    expect(negated).toContain('but event #3 matches')
  })

  it('accepts a memory destination and arrays of events or records (only sent records count)', () => {
    const destination = memoryDestination()
    const records: EventRecord[] = []
    const analytics = createTestCopilotAnalytics({ consent: 'pending', onEvent: (record) => records.push(record) })
    analytics.messageSent({ body: 'Held' })
    expect(records).not.toHaveTrackedEvent('Message Sent')
    analytics.setConsent('granted')
    expect(records).toHaveTrackedEvent('Message Sent', { message_body: 'Held' })
    expect([...analytics.events]).toHaveTrackedEvent('Conversation Started')
    const [started] = analytics.tracks()
    if (started) void destination.send({ ...started, event: 'Copied' })
    expect(destination).toHaveTrackedEvent('Copied')
    expect(failureOf(() => expect('nothing').toHaveTrackedEvent('Message Sent'))).toContain('Expected a test client')
  })
})

describe('toHaveTrackedEvents', () => {
  it('passes for an in-order subsequence, names or names with properties', () => {
    const analytics = createTestCopilotAnalytics()
    chat(analytics)
    expect(analytics).toHaveTrackedEvents(['Conversation Started', 'Message Sent', 'Message Received'])
    expect(analytics).toHaveTrackedEvents([
      { event: 'Message Sent', properties: { role: 'customer' } },
      { event: 'Feedback Submitted', properties: { rating: 1 } },
    ])
    expect(analytics).toHaveTrackedEvents([])
    expect(analytics).not.toHaveTrackedEvents(['Message Received', 'Message Sent'])
  })

  it('fails naming the step that was not found, with the events received and a diff of names', () => {
    const analytics = createTestCopilotAnalytics()
    chat(analytics)
    const message = failureOf(() =>
      expect(analytics).toHaveTrackedEvents(['Message Sent', 'Feedback Submitted', 'Message Received']),
    )
    expect(message).toContain('Matched 2 of 3; step 3 ("Message Received") was not found after step 2.')
    expect(message).toContain('4. Feedback Submitted {')
    expect(message).toContain('Event names (- expected, + received):')
    const negated = failureOf(() => expect(analytics).not.toHaveTrackedEvents(['Message Sent']))
    expect(negated).toContain('not to be tracked in this order')
  })
})

function ChatBox() {
  const { trackSent } = useTrackMessage()
  const { conversationId } = useConversation()
  return (
    <div>
      <p>Conversation {conversationId}</p>
      <button type="button" onClick={() => trackSent('Buy NVDA')}>
        Send
      </button>
    </div>
  )
}

describe('renderWithCopilotAnalytics', () => {
  it('renders inside a provider and returns the events the tree tracked', async () => {
    const user = userEvent.setup()
    const { analytics, events } = renderWithCopilotAnalytics(<ChatBox />, { conversationId: 'route-7' })
    expect(screen.getByText('Conversation route-7')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Send' }))
    expect(analytics).toHaveTrackedEvents([
      { event: 'Conversation Started', properties: { conversationId: 'route-7' } },
      { event: 'Message Sent', properties: { conversationId: 'route-7', message_body: 'Buy NVDA' } },
    ])
    expect(events).toHaveTrackedEvent('Message Sent')
    // the provider announces a new anonymous visitor on mount
    expect(events[0]).toMatchObject({ type: 'identify', anonymousId: analytics.getState().identity.anonymousId })
  })

  it('puts your wrapper inside the provider and reuses a given client across renders', async () => {
    const user = userEvent.setup()
    const analytics = createTestCopilotAnalytics()
    const Wrapper = ({ children }: { children?: ReactNode }) => <section aria-label="app shell">{children}</section>
    const { rerender } = renderWithCopilotAnalytics(<ChatBox />, { analytics, wrapper: Wrapper })
    expect(screen.getByRole('region', { name: 'app shell' })).toBeTruthy()
    rerender(<ChatBox />)
    await user.click(screen.getByRole('button', { name: 'Send' }))
    expect(analytics.findAll('Message Sent')).toHaveLength(1)
  })
})

describe('types', () => {
  it('types the helpers and the matchers', () => {
    const analytics = createTestCopilotAnalytics()
    expectTypeOf(analytics.find('Message Sent')).toEqualTypeOf<TrackedEvent | undefined>()
    expectTypeOf(analytics.tracks()).toEqualTypeOf<TrackedEvent[]>()
    expectTypeOf(expect(analytics).toHaveTrackedEvent).parameter(0).toBeString()
    expectTypeOf(expect(analytics).toHaveTrackedEvents).parameter(0).toExtend<readonly unknown[]>()
    // type-level only: the sequence is an array of names or { event, properties }
    // @ts-expect-error a single name is not a sequence
    const misuse = () => expect(analytics).toHaveTrackedEvents('Message Sent')
    expectTypeOf(misuse).toBeFunction()
  })
})
