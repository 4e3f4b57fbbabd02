import { describe, expectTypeOf, it } from 'vitest'
import {
  type BeforeSend,
  type ConsentState,
  type CopilotEvent,
  consentFromCategories,
  createCopilotAnalytics,
  defineTrackingPlan,
  memoryDestination,
  type PlanEvents,
} from '../../src/core'
import { redact } from '../../src/core/redact'

// Declaration merging: an app adds its events to the kit's interface once, and every client is typed with them.
// The event name is unique to this file because the augmentation is seen by the whole type-check.
declare module '../../src/core' {
  interface CopilotCustomEvents {
    'Privacy Types Merged Event': { plan_tier: string; seats: number }
  }
}

const destination = memoryDestination()

describe('your own events are typed and checked like the spec', () => {
  it('through the type parameter', () => {
    const client = createCopilotAnalytics<{ 'Stock Purchased': { ticker: string; quantity: number } }>({ destination })
    client.track('Stock Purchased', { ticker: 'NVDA', quantity: 10 })
    // @ts-expect-error quantity is a number
    client.track('Stock Purchased', { ticker: 'NVDA', quantity: '10' })
    // @ts-expect-error ticker is required
    client.track('Stock Purchased', { quantity: 10 })
    // @ts-expect-error properties are required for a typed event
    client.track('Stock Purchased')
  })

  it('through declaration merging', () => {
    const client = createCopilotAnalytics({ destination })
    client.track('Privacy Types Merged Event', { plan_tier: 'pro', seats: 3 })
    // @ts-expect-error seats is a number
    client.track('Privacy Types Merged Event', { plan_tier: 'pro', seats: 'three' })
    // @ts-expect-error plan_tier is required
    client.track('Privacy Types Merged Event', { seats: 3 })
  })

  it('through a tracking plan, the same object the validator checks at runtime', () => {
    const plan = defineTrackingPlan({
      'Stock Purchased': {
        description: 'The user bought a stock.',
        sentBy: { core: 'track', react: 'useTrack' },
        properties: {
          ticker: { type: 'string', required: true, description: 'e.g. NVDA' },
          quantity: { type: 'number', required: true, description: 'Shares bought.' },
          limit_price: { type: 'number', required: false, description: 'Optional limit.' },
          conversationId: { type: 'string', required: true, description: 'Filled in by the client.' },
        },
      },
    })
    expectTypeOf<PlanEvents<typeof plan>['Stock Purchased']['ticker']>().toEqualTypeOf<string>()
    expectTypeOf<PlanEvents<typeof plan>['Stock Purchased']['limit_price']>().toEqualTypeOf<number | undefined>()
    const client = createCopilotAnalytics<PlanEvents<typeof plan>>({ destination, plan, validate: 'strict' })
    client.track('Stock Purchased', { ticker: 'NVDA', quantity: 10 })
    client.track('Stock Purchased', { ticker: 'NVDA', quantity: 10, limit_price: 135.2 })
    // @ts-expect-error limit_price is a number
    client.track('Stock Purchased', { ticker: 'NVDA', quantity: 10, limit_price: '135' })
    // @ts-expect-error quantity is required
    client.track('Stock Purchased', { ticker: 'NVDA' })
  })

  it('while the spec events keep their checks', () => {
    const client = createCopilotAnalytics<{ 'Stock Purchased': { ticker: string } }>({ destination })
    // @ts-expect-error the spec says conversationId
    client.track('Feedback Submitted', { rating: 1, conversation_id: 'c-1' })
    // @ts-expect-error the spec says message_body
    client.track('Message Sent', { messageBody: 'hi' })
    // @ts-expect-error rating is a number
    client.track('Feedback Submitted', { rating: '5' })
  })
})

describe('privacy options', () => {
  it('are typed', () => {
    createCopilotAnalytics({
      destination,
      messageBody: (body, event) => {
        expectTypeOf(body).toEqualTypeOf<string>()
        expectTypeOf(event).toEqualTypeOf<string>()
        return redact(body)
      },
      sample: { 'Component Loaded': 0.1 },
      beforeSend: (event) => {
        expectTypeOf(event).toEqualTypeOf<CopilotEvent>()
        return event.type === 'track' && event.event === 'Debug' ? null : event
      },
    })
    // the redaction rules as an import: redact itself is a messageBody function
    createCopilotAnalytics({ destination, messageBody: redact })
    // @ts-expect-error a rate is a number
    createCopilotAnalytics({ destination, sample: { 'Component Loaded': '10%' } })
    // @ts-expect-error consent is granted, pending or denied
    createCopilotAnalytics({ destination, consent: 'yes' })
    // @ts-expect-error beforeSend returns an event or null
    createCopilotAnalytics({ destination, beforeSend: () => true })
    // @ts-expect-error messageBody modes are full, redact, omit or a function
    createCopilotAnalytics({ destination, messageBody: 'hash' })
    expectTypeOf<BeforeSend>().returns.toEqualTypeOf<CopilotEvent | null>()
    expectTypeOf(consentFromCategories({ Analytics: true })).toEqualTypeOf<ConsentState>()
  })
})
