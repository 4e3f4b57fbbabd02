import type { ComponentType } from 'react'
import { describe, expectTypeOf, it } from 'vitest'
import {
  type ConversationApi,
  type CopilotAnalytics,
  CopilotAnalyticsProvider,
  type FeedbackApi,
  type IdentityApi,
  type TrackMessageApi,
  useComponentTracking,
  useConversation,
  useCopilotAnalytics,
  useFeedback,
  useIdentity,
  useTrack,
  useTrackAction,
  useTrackMedia,
  useTrackMessage,
  withComponentTracking,
} from '../../src'

describe('hook return types', () => {
  it('match the public API contract', () => {
    expectTypeOf(useCopilotAnalytics).returns.toEqualTypeOf<CopilotAnalytics>()
    expectTypeOf(useConversation).returns.toEqualTypeOf<ConversationApi>()
    expectTypeOf<ConversationApi['conversationId']>().toEqualTypeOf<string>()
    expectTypeOf<ConversationApi['messageCount']>().toEqualTypeOf<number>()
    expectTypeOf<ConversationApi['startNew']>().returns.toEqualTypeOf<string>()
    expectTypeOf(useIdentity).returns.toEqualTypeOf<IdentityApi>()
    expectTypeOf<IdentityApi['userId']>().toEqualTypeOf<string | null>()
    expectTypeOf(useTrackMessage).returns.toEqualTypeOf<TrackMessageApi>()
    expectTypeOf<TrackMessageApi['trackSent']>().returns.toEqualTypeOf<string>()
    expectTypeOf<TrackMessageApi['trackReceived']>().parameter(0).toEqualTypeOf<string>()
    expectTypeOf(useFeedback).returns.toEqualTypeOf<FeedbackApi>()
    expectTypeOf<FeedbackApi['rating']>().toEqualTypeOf<number | undefined>()
    expectTypeOf(useTrack).returns.toEqualTypeOf<CopilotAnalytics['track']>()
    expectTypeOf(useTrackAction).returns.returns.toEqualTypeOf<void>()
    expectTypeOf(useTrackMedia).returns.returns.toEqualTypeOf<void>()
    expectTypeOf(useComponentTracking).returns.toEqualTypeOf<void>()
  })

  it('reject wrong arguments', () => {
    const { submit } = useFeedback('m-1')
    submit(5)
    submit('up')
    // @ts-expect-error a rating is a number or 'up' / 'down'
    submit('excellent')
    const { trackSent } = useTrackMessage()
    // @ts-expect-error the body is a string
    trackSent({ body: 'hi' })
    const track = useTrack()
    // @ts-expect-error rating is a number
    track('Feedback Submitted', { rating: 'good' })
    // @ts-expect-error message_body, not messageBody
    track('Message Sent', { messageBody: 'hi' })
    const trackMedia = useTrackMedia()
    // @ts-expect-error subType is required
    trackMedia({ type: 'image' })
  })
})

interface ChartProps {
  ticker: string
  messageId?: string
}
declare const StockChart: ComponentType<ChartProps>

describe('withComponentTracking', () => {
  it('keeps the props of the wrapped component', () => {
    const Tracked = withComponentTracking(StockChart, { type: 'Stock Price Chart', messageId: (p) => p.messageId })
    expectTypeOf(Tracked).toEqualTypeOf<ComponentType<ChartProps>>()
    const element = <Tracked ticker="NVDA" />
    expectTypeOf(element.props).toExtend<ChartProps>()
    // @ts-expect-error ticker is required
    const missing = <Tracked />
    // @ts-expect-error ticker is a string
    const wrong = <Tracked ticker={42} />
    void missing
    void wrong
  })

  it('types the config callbacks with the component props', () => {
    withComponentTracking(StockChart, {
      type: (props) => {
        expectTypeOf(props).toEqualTypeOf<ChartProps>()
        return `Chart ${props.ticker}`
      },
      properties: (props) => ({ ticker: props.ticker }),
    })
    // @ts-expect-error type is a string or a function returning one
    withComponentTracking(StockChart, { type: 42 })
    // @ts-expect-error the props have no `symbol`
    withComponentTracking(StockChart, { type: 'Chart', messageId: (props) => props.symbol })
  })
})

describe('CopilotAnalyticsProvider', () => {
  it('takes the client options as props', () => {
    const ok = <CopilotAnalyticsProvider apiHost="http://127.0.0.1:7463/v1" consent="pending" conversationId="c-1" />
    // @ts-expect-error consent is granted, pending or denied
    const bad = <CopilotAnalyticsProvider consent="maybe" />
    void ok
    void bad
  })
})
