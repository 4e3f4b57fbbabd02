import { describe, expect, it, vi } from 'vitest'
import { createTestCopilotAnalytics } from '../../src/testing'
import '../../src/testing/vitest'

// the kit's own test client: createCopilotAnalytics over a memory destination, state in memory
const setup = (options: Parameters<typeof createTestCopilotAnalytics>[0] = {}) => {
  const client = createTestCopilotAnalytics(options)
  return { client, tracks: client.tracks }
}

describe('createCopilotAnalytics', () => {
  it('sends Conversation Started once, before the first Message Sent', () => {
    const { client, tracks } = setup()
    const first = client.messageSent({ body: 'What is the best stock?' })
    client.messageReceived({ body: 'NVDA' })
    client.messageSent({ body: 'Buy it' })
    expect(tracks().map((e) => e.event)).toEqual([
      'Conversation Started',
      'Message Sent',
      'Message Received',
      'Message Sent',
    ])
    const conversationId = client.getState().conversation.id
    expect(tracks()[1]?.properties).toEqual({
      conversationId,
      messageId: first,
      message_body: 'What is the best stock?',
      role: 'customer',
    })
    expect(tracks()[2]?.properties.role).toBe('agent')
    expect(client).toHaveTrackedEvents([
      { event: 'Message Sent', properties: { messageId: first } },
      { event: 'Message Received', properties: { role: 'agent', message_body: 'NVDA' } },
      { event: 'Message Sent', properties: { message_body: 'Buy it' } },
    ])
  })

  it('sends message_count with Conversation Ended', () => {
    const { client, tracks } = setup()
    client.messageSent({ body: 'a' })
    client.messageReceived({ body: 'b' })
    client.endConversation()
    expect(tracks().at(-1)).toMatchObject({ event: 'Conversation Ended', properties: { message_count: 2 } })
  })

  it('never throws on bad input and warns naming event and field', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const onError = vi.fn()
    const { client, tracks } = setup({ onError })
    const circular: Record<string, unknown> = { a: 1 }
    circular.self = circular
    expect(() => {
      client.messageSent(undefined as never)
      client.feedbackSubmitted({ rating: Number.NaN })
      client.track('', {})
      client.track('Stock Purchased', { circular })
    }).not.toThrow()
    expect(warn.mock.calls.map((c) => c[0]).join('\n')).toMatch(/Feedback Submitted: rating/)
    expect(tracks().find((e) => e.event === 'Stock Purchased')?.properties.circular).toEqual({
      a: 1,
      self: '[Circular]',
    })
    expect(onError).toHaveBeenCalled()
  })
})
