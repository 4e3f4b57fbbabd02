import { describe, expect, it } from 'vitest'
import { matchEvents } from '../../src/storybook/matchEvents'
import type { StoryEvent } from '../../src/storybook/StoryEvent'
import { statusText } from '../../src/storybook/StoryEvent'

const event = (index: number, name: string, extra: Partial<StoryEvent> = {}): StoryEvent => ({
  index,
  name,
  type: name === 'identify' ? 'identify' : 'track',
  properties: {},
  userId: null,
  anonymousId: 'anon-1',
  status: 'sent',
  problems: [],
  timestamp: '2026-01-01T00:00:00.000Z',
  ...extra,
})

const story = [
  event(1, 'identify', { userId: 'u-1', properties: { plan: 'pro' } }),
  event(2, 'Message Sent', { properties: { conversationId: 'c-1', message_body: 'Hi', meta: { model: 'gpt', n: 2 } } }),
  event(3, 'Feedback Submitted', { properties: { conversationId: 'c-1', rating: -1 } }),
  event(4, 'Component Loaded', { status: 'dropped', reason: 'sampled out' }),
]

describe('matchEvents (expectEvents’ matching)', () => {
  it('passes on an in-order subsequence with partial, nested properties and asymmetric matchers', () => {
    expect(
      matchEvents(story, [
        ['Message Sent', { meta: { model: 'gpt' }, message_body: expect.any(String) }],
        ['Feedback Submitted', { rating: -1 }],
      ]).pass,
    ).toBe(true)
  })

  it('shortens long values in its message without splitting an emoji', () => {
    const long = `${'x'.repeat(59)}😀${'y'.repeat(40)}`
    const sent = [event(1, 'Message Sent', { properties: { message_body: long } })]
    const { pass, message } = matchEvents(sent, ['Message Received'])
    expect(pass).toBe(false)
    expect(message).toContain(`"message_body":"${'x'.repeat(59)}…"`)
    // no lone surrogate: the message prints as it reads
    expect(message).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })

  it('matches identify on its traits and identity', () => {
    expect(matchEvents(story, [['identify', { userId: 'u-1', anonymousId: 'anon-1', plan: 'pro' }]]).pass).toBe(true)
    expect(matchEvents(story, [['identify', { userId: null }]]).pass).toBe(false)
  })

  it('fails on the wrong order and says which step is missing, what differs and what was sent', () => {
    const result = matchEvents(story, [['Feedback Submitted', { rating: 1 }]])
    expect(result.pass).toBe(false)
    expect(result.message).toContain('step 1 ("Feedback Submitted" with {"rating":1}) was not found')
    expect(result.message).toContain('The first "Feedback Submitted" (#3) differs:\n  rating: expected 1, received -1')
    expect(result.message).toContain('Sent 3 events:\n  1. identify {"plan":"pro"}')
    expect(matchEvents(story, ['Feedback Submitted', 'Message Sent']).pass).toBe(false)
  })

  it('counts only sent events: dropped ones neither match nor get in the way of exact', () => {
    expect(matchEvents(story, ['Component Loaded']).pass).toBe(false)
    expect(matchEvents(story, ['identify', 'Message Sent', 'Feedback Submitted'], { exact: true }).pass).toBe(true)
    const extra = matchEvents(story, ['identify', 'Message Sent'], { exact: true })
    expect(extra.pass).toBe(false)
    expect(extra.message).toContain('1 more event than expected')
  })

  it('arrays match element by element, with the same length', () => {
    const events = [event(1, 'Tools Used', { properties: { tools: ['a', 'b'] } })]
    expect(matchEvents(events, [['Tools Used', { tools: ['a', 'b'] }]]).pass).toBe(true)
    expect(matchEvents(events, [['Tools Used', { tools: ['a'] }]]).pass).toBe(false)
  })

  it('fails when the validator found a problem in a sent event, unless told not to check', () => {
    const events = [event(1, 'Feedback Submitted', { problems: [{ field: 'rating', message: 'must be a number' }] })]
    const result = matchEvents(events, ['Feedback Submitted'])
    expect(result.pass).toBe(false)
    expect(result.message).toContain('1. Feedback Submitted.rating: must be a number')
    expect(matchEvents(events, ['Feedback Submitted'], { valid: false }).pass).toBe(true)
  })
})

describe('statusText (the panel’s words for an event’s fate)', () => {
  it.each([
    [{ status: 'sent' }, 'sent'],
    [{ status: 'held', reason: 'consent pending' }, 'held until consent'],
    [{ status: 'dropped', reason: 'consent denied' }, 'dropped by consent'],
    [{ status: 'dropped', reason: 'sampled out' }, 'sampled out'],
    [{ status: 'dropped', reason: 'dropped by beforeSend' }, 'dropped (dropped by beforeSend)'],
  ] as const)('%o → %s', (input, text) => {
    expect(statusText(input)).toBe(text)
  })
})
