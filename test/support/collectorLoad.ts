// Load generator for the collector, run as its own process: `node --import tsx test/support/collectorLoad.ts
// <apiHost> <seconds> <eventsPerSecond>`. Sends on a fixed schedule (batches of 25 to /v1/b, one call in ten as a
// single /v1/t), retries anything not acknowledged like a real client, and prints a JSON summary on stdout.
import { randomUUID } from 'node:crypto'

const [apiHost = '', secondsArg = '10', rateArg = '1500'] = process.argv.slice(2)
const seconds = Number(secondsArg)
const rate = Number(rateArg)
const TICK_MS = 50
const BATCH = 25
const run = randomUUID().slice(0, 8)

let seq = 0
const makeEvent = () => {
  const n = seq++
  return {
    type: 'track',
    event: n % 2 === 0 ? 'Message Sent' : 'Message Received',
    properties: {
      conversationId: `load-${run}-${n % 50}`,
      messageId: `m-${n}`,
      message_body: `Load test message ${n}: what is the best stock in the Nasdaq right now? `.repeat(4),
      role: n % 2 === 0 ? 'customer' : 'agent',
      seq: n,
    },
    anonymousId: `anon-${run}`,
    messageId: `load-${run}-${n}`,
    timestamp: new Date().toISOString(),
    context: { library: { name: 'analytics.js', version: 'load' } },
  }
}

const auth = `Basic ${Buffer.from('load:').toString('base64')}`
let acked = 0
let retries = 0
let rejected = 0
let lastAck = 0

const send = async (path: string, body: unknown, events: number): Promise<void> => {
  for (;;) {
    try {
      const response = await fetch(`${apiHost}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', Authorization: auth },
        body: JSON.stringify(body),
      })
      await response.arrayBuffer()
      if (response.status === 200) {
        acked += events
        lastAck = performance.now()
        return
      }
      if (response.status < 500) {
        rejected += events
        return
      }
    } catch {
      // connection trouble: try again, as analytics-next would
    }
    retries++
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

const start = performance.now()
const inFlight = new Set<Promise<void>>()
const track = (promise: Promise<void>) => {
  inFlight.add(promise)
  void promise.finally(() => inFlight.delete(promise))
}
const ticks = Math.round((seconds * 1000) / TICK_MS)
const perTick = Math.ceil((rate * TICK_MS) / 1000)
for (let tick = 0; tick < ticks; tick++) {
  // stay on schedule: each tick's events go out at its planned time, whatever the previous ones are doing
  const due = start + tick * TICK_MS
  const wait = due - performance.now()
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
  const events = Array.from({ length: perTick }, makeEvent)
  const singles = Math.floor(events.length / 10)
  for (const event of events.slice(0, singles)) track(send('/t', event, 1))
  for (let i = singles; i < events.length; i += BATCH) {
    const batch = events.slice(i, i + BATCH)
    track(send('/b', { writeKey: 'load', batch, sentAt: new Date().toISOString() }, batch.length))
  }
}
const offeredMs = performance.now() - start
while (inFlight.size > 0) await Promise.all([...inFlight])
const ackedMs = lastAck - start
console.log(
  JSON.stringify({
    run,
    sent: seq,
    acked,
    rejected,
    retries,
    offeredSeconds: offeredMs / 1000,
    offeredRate: Math.round(seq / (offeredMs / 1000)),
    ackedSeconds: ackedMs / 1000,
    sustainedRate: Math.round(acked / (ackedMs / 1000)),
  }),
)
