// The validator agrees with the spec's own examples (recommended properties are warnings, not failures) and catches
// at runtime the misspellings the types catch, with "did you mean".
import { describe, expect, it } from 'vitest'
import { verdictOf } from '../../src/collector/verdictOf'
import { type CopilotAnalyticsError, createCopilotAnalytics, memoryDestination } from '../../src/core'
import { validateTrack } from '../../src/spec'

describe("the spec's own examples are valid", () => {
  it('Message Received with role outside properties: valid, with a note', () => {
    // the spec's example, as published
    const verdict = verdictOf({
      type: 'track',
      userId: '123',
      event: 'Message Received',
      properties: { conversationId: 'c-1', messageId: 'm-2', message_body: 'NVDA is up 3% today.' },
      role: 'agent',
    })
    expect(verdict.valid).toBe(true)
    expect(verdict.problems).toEqual([
      expect.objectContaining({ field: 'role', severity: 'warning', message: expect.stringContaining('outside') }),
    ])
  })

  it('Conversation Ended without message_count: valid, message_count recommended', () => {
    const verdict = verdictOf({
      type: 'track',
      userId: '123',
      event: 'Conversation Ended',
      properties: { conversationId: 'c-1' },
    })
    expect(verdict).toEqual({
      valid: true,
      problems: [
        {
          event: 'Conversation Ended',
          field: 'message_count',
          message: 'message_count is recommended (number)',
          severity: 'warning',
        },
      ],
    })
  })

  it('a required property missing still fails', () => {
    const verdict = verdictOf({
      type: 'track',
      anonymousId: 'a',
      event: 'Message Sent',
      properties: { conversationId: 'c-1', message_body: 'hi', role: 'customer' },
    })
    expect(verdict.valid).toBe(false)
    expect(verdict.problems).toEqual([
      { event: 'Message Sent', field: 'messageId', message: 'messageId is required (string)' },
    ])
  })
})

describe('misspelled spec names', () => {
  it.each([
    ['Message Sent', 'conversation_id', 'conversationId'],
    ['Message Sent', 'message_id', 'messageId'],
    ['Message Received', 'messageBody', 'message_body'],
    ['Media Generated', 'subType', 'sub_type'],
    ['Conversation Ended', 'messageCount', 'message_count'],
  ])('%s with %s: "did you mean %s?"', (event, wrong, meant) => {
    const problems = validateTrack(event, { conversationId: 'c', messageId: 'm', [wrong]: 'x' })
    expect(problems).toContainEqual({
      event,
      field: wrong,
      message: `${wrong} is not a spec property: did you mean ${meant}?`,
      severity: 'warning',
    })
  })

  it('extra properties of other names stay free', () => {
    expect(
      validateTrack('Message Sent', {
        conversationId: 'c',
        messageId: 'm',
        message_body: 'hi',
        role: 'customer',
        model: 'gpt',
        tool_call_id: 't',
      }),
    ).toEqual([])
  })

  it('the client reports them at runtime, and sends the event', async () => {
    const errors: CopilotAnalyticsError[] = []
    const destination = memoryDestination()
    const client = createCopilotAnalytics({
      destination,
      storage: null,
      validate: 'strict',
      onError: (error) => errors.push(error),
    })
    client.messageSent({ body: 'hi', conversation_id: 'c-9' })
    client.messageReceived({ body: 'NVDA', messageBody: 'NVDA' })
    await client.flush()
    const messages = errors.map((error) => error.message)
    expect(messages).toContainEqual(
      expect.stringMatching(/Message Sent: conversation_id: .*did you mean conversationId\?/),
    )
    expect(messages).toContainEqual(
      expect.stringMatching(/Message Received: messageBody: .*did you mean message_body\?/),
    )
    // a warning, not a failure: even validate 'strict' sends them
    expect(destination.events.filter((event) => event.type === 'track').map((event) => event.event)).toEqual([
      'Conversation Started',
      'Message Sent',
      'Message Received',
    ])
  })
})

it('messageSent({ message_body }) sends the body and does not say it was sent without one', async () => {
  const errors: CopilotAnalyticsError[] = []
  const destination = memoryDestination()
  const client = createCopilotAnalytics({ destination, storage: null, onError: (error) => errors.push(error) })
  client.messageSent({ message_body: 'x' } as never)
  client.messageReceived({ message_body: 'y' } as never)
  await client.flush()
  const bodies = destination.events.flatMap((event) => (event.type === 'track' ? [event.properties.message_body] : []))
  expect(bodies).toEqual([undefined, 'x', 'y'])
  expect(errors.filter((error) => error.field === 'message_body')).toEqual([])
})

it('answers hostile input with a verdict, never an exception', () => {
  const throwing = new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('hostile')
      },
      get() {
        throw new Error('hostile')
      },
    },
  )
  expect(validateTrack('Message Sent', throwing)).toEqual([
    { event: 'Message Sent', field: 'properties', message: 'properties could not be read' },
  ])
  expect(validateTrack(Symbol('x'), {})[0]?.field).toBe('event')
  expect(validateTrack('Message Sent', {}, null as never).length).toBeGreaterThan(0)
  expect(validateTrack('Message Sent', {}, { plan: throwing as never })[0]?.field).toBe('properties')
})
