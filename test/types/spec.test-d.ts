import { describe, expectTypeOf, it } from 'vitest'
import {
  type ActionInput,
  type ComponentInput,
  type CopilotAnalytics,
  createCopilotAnalytics,
  type FeedbackInput,
  type MediaInput,
  type MessageInput,
  memoryDestination,
  type SPEC_EVENTS,
  type SpecEventName,
  type SpecTrackProperties,
  type SpecWireProperties,
} from '../../src/core'
import type { SPEC_RULES } from '../../src/spec/rules'

const client = createCopilotAnalytics({ destination: memoryDestination() })

describe('track: spec events are typed from the spec table', () => {
  it('accepts the spec names and types, with extra properties', () => {
    client.track('Message Sent', { message_body: 'hi', role: 'customer', plan: 'pro' })
    client.track('Feedback Submitted', { rating: 5, messageId: 'm-1' })
    client.track('Conversation Ended', { message_count: 3 })
    client.track('Media Generated', { type: 'image', sub_type: 'png' })
    client.track('Action Invoked', { type: 'Stock Price Lookup', action: 'NVDA' })
    client.track('Component Loaded', { type: 'Stock Price Chart' })
  })

  it('rejects a misspelled spec property name', () => {
    // @ts-expect-error messageBody is the wrong case: the spec says message_body
    client.track('Message Sent', { messageBody: 'hi' })
    // @ts-expect-error conversation_id is the wrong case: the spec says conversationId
    client.track('Feedback Submitted', { rating: 1, conversation_id: 'c-1' })
    // @ts-expect-error subType is sent as sub_type
    client.track('Media Generated', { type: 'image', sub_type: 'png', subType: 'png' })
    // @ts-expect-error messageCount is the wrong case: the spec says message_count
    client.track('Conversation Ended', { message_count: 1, messageCount: 1 })
  })

  it('rejects a wrongly typed spec property', () => {
    // @ts-expect-error rating is a number
    client.track('Feedback Submitted', { rating: 'good' })
    // @ts-expect-error message_count is a number
    client.track('Conversation Ended', { message_count: '3' })
    // @ts-expect-error message_body is a string
    client.track('Message Sent', { message_body: 42 })
    // @ts-expect-error conversationId is a string
    client.track('Component Loaded', { type: 'Chart', conversationId: 7 })
  })

  it('rejects a spec event without its required properties', () => {
    // @ts-expect-error Feedback Submitted needs a rating
    client.track('Feedback Submitted', {})
    // @ts-expect-error Media Generated needs type and sub_type
    client.track('Media Generated', { type: 'image' })
    // @ts-expect-error spec events need their properties object
    client.track('Conversation Ended')
  })

  it('leaves other events free', () => {
    client.track('Stock Purchased', { ticker: 'NVDA', quantity: 10 })
    client.track('Support Requested')
  })

  it('types the properties a caller passes and what arrives on the wire', () => {
    expectTypeOf<SpecTrackProperties<'Feedback Submitted'>['rating']>().toEqualTypeOf<number>()
    expectTypeOf<SpecWireProperties<'Message Sent'>['conversationId']>().toEqualTypeOf<string>()
    expectTypeOf<SpecWireProperties<'Conversation Ended'>['message_count']>().toEqualTypeOf<number>()
    expectTypeOf<SpecWireProperties<'Message Sent'>['message_body_truncated']>().toEqualTypeOf<boolean | undefined>()
  })
})

describe('the client methods', () => {
  it('return what the contract says', () => {
    expectTypeOf(client).toExtend<CopilotAnalytics>()
    expectTypeOf(client.messageSent({ body: 'hi' })).toEqualTypeOf<string>()
    expectTypeOf(client.messageReceived({ body: 'hello', role: 'ai_agent' })).toEqualTypeOf<string>()
    expectTypeOf(client.feedbackSubmitted({ rating: 'up' })).toEqualTypeOf<number | undefined>()
    expectTypeOf(client.componentLoaded({ type: 'Chart' })).toEqualTypeOf<boolean>()
    expectTypeOf(client.startConversation()).toEqualTypeOf<string>()
    expectTypeOf(client.flush()).toEqualTypeOf<Promise<void>>()
  })

  it('reject inputs without their required fields or with wrong types', () => {
    // @ts-expect-error a message needs a body
    client.messageSent({ messageId: 'm-1' })
    // @ts-expect-error the body is a string
    client.messageSent({ body: 1 })
    // @ts-expect-error a rating is a number or 'up' / 'down'
    client.feedbackSubmitted({ rating: 'great' })
    // @ts-expect-error media needs a subType
    client.mediaGenerated({ type: 'image' })
    // @ts-expect-error an action needs its action
    client.actionInvoked({ type: 'Stock Price Lookup' })
  })
})

describe('your own events (CopilotCustomEvents)', () => {
  it('are typed like the spec when passed as the type parameter', () => {
    const typed = createCopilotAnalytics<{ 'Stock Purchased': { ticker: string; quantity: number } }>()
    typed.track('Stock Purchased', { ticker: 'NVDA', quantity: 10 })
    // @ts-expect-error quantity is a number
    typed.track('Stock Purchased', { ticker: 'NVDA', quantity: 'ten' })
    // @ts-expect-error ticker is required
    typed.track('Stock Purchased', { quantity: 10 })
    // the spec's own events keep their checks
    // @ts-expect-error rating is a number
    typed.track('Feedback Submitted', { rating: 'good' })
  })
})

type Rules = typeof SPEC_RULES
type RuleProperties<E extends keyof Rules> = Rules[E] extends { properties: infer P } ? P : Record<never, never>
/** The input fields the rules say event `E` reads. */
type ReadFields<E extends keyof Rules> = {
  [K in keyof RuleProperties<E>]: RuleProperties<E>[K] extends { input: infer I } ? I : never
}[keyof RuleProperties<E>]
/** The named keys of an input type (without its index signature for extra properties). */
type NamedKeys<T> = keyof { [K in keyof T as string extends K ? never : K]: T[K] }

describe('the spec rules (src/spec/rules.ts) and the table are one', () => {
  it('name only events and properties of the table', () => {
    expectTypeOf<Exclude<keyof Rules, SpecEventName>>().toEqualTypeOf<never>()
    expectTypeOf<
      { [E in keyof Rules]: Exclude<keyof RuleProperties<E>, keyof (typeof SPEC_EVENTS)[E]['properties']> }[keyof Rules]
    >().toEqualTypeOf<never>()
  })

  it("merge their defaults into the table's rows, typed", () => {
    expectTypeOf<(typeof SPEC_EVENTS)['Message Sent']['properties']['role']['default']>().toEqualTypeOf<'customer'>()
    expectTypeOf<(typeof SPEC_EVENTS)['Media Generated']['properties']['role']['default']>().toEqualTypeOf<'agent'>()
    expectTypeOf<
      (typeof SPEC_EVENTS)['Media Generated']['properties']['sub_type']['input']
    >().toEqualTypeOf<'subType'>()
  })

  it("read exactly the named fields of the core methods' inputs", () => {
    expectTypeOf<ReadFields<'Message Sent'>>().toEqualTypeOf<NamedKeys<MessageInput>>()
    expectTypeOf<ReadFields<'Message Received'>>().toEqualTypeOf<NamedKeys<MessageInput>>()
    expectTypeOf<ReadFields<'Action Invoked'>>().toEqualTypeOf<NamedKeys<ActionInput>>()
    expectTypeOf<ReadFields<'Media Generated'>>().toEqualTypeOf<NamedKeys<MediaInput>>()
    expectTypeOf<ReadFields<'Component Loaded'>>().toEqualTypeOf<NamedKeys<ComponentInput>>()
    expectTypeOf<ReadFields<'Feedback Submitted'>>().toEqualTypeOf<NamedKeys<FeedbackInput>>()
  })
})
