// Per-event overhead, runnable in any page-like environment (jsdom in Node, or Chromium through bench/chromium.ts):
// the time per Message Sent through the kit vs a direct `analytics.track` of the same payload on the same
// AnalyticsBrowser (same plugins, same loopback destination), and the cost of a 100 KB message body.
import { AnalyticsBrowser } from '@segment/analytics-next'
import { type AnalyticsLike, createCopilotAnalytics, memoryDestination, validateEvent } from '../src/core'
import { segmentLoadArguments } from '../src/core/destinations'
import { interleaved } from './stats'

/** How much to run. */
export interface PerEventOptions {
  /** The loopback sink both paths send to. */
  apiHost: string
  /** Calls per measured batch. */
  batch: number
  rounds: number
  warmup: number
  /** Waits (unmeasured) until the sink has received `count` track calls, so one batch's sending never overlaps the next. */
  drain: (count: number) => Promise<void>
}

/** Main-thread time to hand one event to analytics-next, and time until analytics-next has processed it. */
export interface SendCost {
  /** ms per event from the first call until analytics-next's `track()` returned for the last one of the batch. */
  handOverMs: number
  /** ms per event until every `track()` promise resolved (analytics-next paces its queue with timers). */
  processedMs: number
}

/** Milliseconds per event (medians over rounds). */
export interface PerEventResult {
  /** `analytics.track('Message Sent', {...})` on the AnalyticsBrowser. */
  direct: SendCost
  /** `client.messageSent({ body })` through the kit's pipeline to the same AnalyticsBrowser (production defaults). */
  kit: SendCost
  /** The same with spec validation on (the development default). */
  kitValidate: SendCost
  /** A 100 KB body with e-mail addresses, redacted and truncated to fit 32 KB (memory destination). */
  body100kRedactMs: number
  /** The same body truncated only (`messageBody: 'full'`). */
  body100kTruncateMs: number
  /** A short body (memory destination): the baseline of the two above. */
  shortBodyMs: number
  /** UTF-8 bytes of the 100 KB body after redaction and truncation, and whether it was marked truncated. */
  body100kSentBytes: number
  body100kMarkedTruncated: boolean
}

export const MESSAGE = "What's the best stock in the Nasdaq right now?"

/** About `bytes` of chat text with an e-mail address every few sentences: work for the redaction rules. */
export function longBody(bytes: number): string {
  const sentence = 'NVDA closed up 3.2% after earnings; contact analyst.desk@example.com for the full note. '
  return sentence.repeat(Math.ceil(bytes / sentence.length)).slice(0, bytes)
}

const utf8 = (text: string) => new TextEncoder().encode(text).length

/** Runs the per-event benchmark in the current (browser-like) global environment. */
export async function perEvent(options: PerEventOptions): Promise<PerEventResult> {
  const { batch, rounds, warmup, drain } = options
  const { settings, init } = segmentLoadArguments({ writeKey: 'bench', apiHost: options.apiHost })
  const [browser] = await AnalyticsBrowser.load(settings, init)
  // both paths call analytics-next through this one wrapper, which notes when the batch's last track() returned
  const handOver = { remaining: 0, at: 0 }
  const analytics: AnalyticsLike = {
    track: (event, properties, callOptions) => {
      const result = browser.track(event, properties, callOptions)
      if (--handOver.remaining === 0) handOver.at = performance.now()
      return result
    },
    identify: (userId, traits, callOptions) => browser.identify(userId ?? undefined, traits, callOptions),
    setAnonymousId: (id) => browser.setAnonymousId(id),
    reset: () => browser.reset(),
  }
  let sent = 0

  const kit = createCopilotAnalytics({ analytics, validate: 'off' })
  const kitValidating = createCopilotAnalytics({ analytics, validate: 'warn', validator: validateEvent })
  // the first Message Sent of a conversation also sends Conversation Started: send it before measuring
  handOver.remaining = 4
  kit.messageSent({ body: MESSAGE })
  kitValidating.messageSent({ body: MESSAGE })
  await Promise.all([kit.flush(), kitValidating.flush()])
  sent += 4
  await drain(sent)

  const timed = async (run: () => Promise<void>): Promise<Record<keyof SendCost, number>> => {
    handOver.remaining = batch
    const start = performance.now()
    await run()
    const processedMs = (performance.now() - start) / batch
    if (handOver.remaining !== 0)
      throw new Error(`${handOver.remaining} of ${batch} events never reached analytics-next`)
    const handOverMs = (handOver.at - start) / batch
    sent += batch
    await drain(sent)
    return { handOverMs, processedMs }
  }
  const conversationId = kit.getState().conversation.id

  const send = await interleaved(
    {
      direct: () =>
        timed(async () => {
          const calls: unknown[] = []
          for (let i = 0; i < batch; i++) {
            calls.push(
              analytics.track('Message Sent', {
                conversationId,
                messageId: crypto.randomUUID(),
                message_body: MESSAGE,
                role: 'customer',
              }),
            )
          }
          await Promise.all(calls)
        }),
      kit: () =>
        timed(async () => {
          for (let i = 0; i < batch; i++) kit.messageSent({ body: MESSAGE })
          await kit.flush()
        }),
      kitValidate: () =>
        timed(async () => {
          for (let i = 0; i < batch; i++) kitValidating.messageSent({ body: MESSAGE })
          await kitValidating.flush()
        }),
    },
    { rounds, warmup },
  )

  // body cost: pipeline only, no network, so the figure is the kit's own work on the body
  const big = longBody(100 * 1024)
  const bodyBatch = Math.max(5, Math.floor(batch / 10))
  const memory = (messageBody: 'redact' | 'full') => {
    const destination = memoryDestination()
    const client = createCopilotAnalytics({ destination, messageBody, validate: 'off', storage: null })
    client.messageSent({ body: MESSAGE })
    return { destination, client }
  }
  const redacting = memory('redact')
  const truncating = memory('full')
  const short = memory('full')
  const bodyRun = (target: ReturnType<typeof memory>, body: string) => async () => {
    target.destination.clear()
    const start = performance.now()
    for (let i = 0; i < bodyBatch; i++) target.client.messageSent({ body })
    await target.client.flush()
    return { ms: (performance.now() - start) / bodyBatch }
  }
  const body = await interleaved(
    { redact: bodyRun(redacting, big), truncate: bodyRun(truncating, big), short: bodyRun(short, MESSAGE) },
    { rounds, warmup },
  )
  const last = redacting.destination.events.at(-1)
  const properties = last?.type === 'track' ? last.properties : {}
  return {
    direct: send.direct,
    kit: send.kit,
    kitValidate: send.kitValidate,
    body100kRedactMs: body.redact.ms,
    body100kTruncateMs: body.truncate.ms,
    shortBodyMs: body.short.ms,
    body100kSentBytes: typeof properties.message_body === 'string' ? utf8(properties.message_body) : 0,
    body100kMarkedTruncated: properties.message_body_truncated === true,
  }
}
