// Throughput: events per second through the pipeline to an in-memory destination, and end to end through the real
// analytics-next to the collector (src/collector, when it exists) until the collector has stored every event.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type AnalyticsLike, createCopilotAnalytics, memoryDestination } from '../src/core'
import { MESSAGE } from './perEvent'
import { median } from './stats'

/** Events per second (medians over rounds). */
export interface ThroughputResult {
  memory: { eventsPerSecond: number; events: number; rounds: number }
  collector: { eventsPerSecond: number; events: number; rounds: number } | { skipped: string }
}

/** Messages through the pipeline to a memory destination, `events` per round. */
async function memoryThroughput(events: number, rounds: number) {
  const samples: number[] = []
  for (let round = 0; round < rounds + 1; round++) {
    const destination = memoryDestination()
    const client = createCopilotAnalytics({ destination, validate: 'off' })
    client.messageSent({ body: MESSAGE })
    // the engine loads behind the client's one dynamic import: the warm-up (and Conversation Started) lands first
    await client.flush()
    destination.clear()
    const start = performance.now()
    for (let i = 0; i < events; i++) client.messageSent({ body: MESSAGE })
    await client.flush()
    const seconds = (performance.now() - start) / 1000
    if (destination.events.length !== events) throw new Error(`memory: ${destination.events.length} of ${events}`)
    if (round > 0) samples.push(events / seconds)
  }
  return { eventsPerSecond: median(samples), events, rounds }
}

interface CollectorModule {
  startCollector(options: { port: number; db: string }): Promise<{
    apiHost: string
    collector: { query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> }
    close(): Promise<void>
  }>
}

/** Messages from the kit through analytics-next to the collector, timed until the collector has stored them all. */
async function collectorThroughput(root: string, events: number, rounds: number) {
  const source = join(root, 'src/collector/index.ts')
  if (!existsSync(source)) return { skipped: 'src/collector does not exist yet' }
  let module: CollectorModule
  try {
    module = (await import(pathToFileURL(source).href)) as CollectorModule
  } catch (error) {
    return { skipped: `src/collector failed to load: ${(error as Error).message}` }
  }
  if (typeof module.startCollector !== 'function') return { skipped: 'src/collector has no startCollector' }
  const running = await module.startCollector({ port: 0, db: ':memory:' })
  try {
    const { AnalyticsBrowser } = await import('@segment/analytics-next')
    const { segmentLoadArguments } = await import('../src/core/destinations')
    const { settings, init } = segmentLoadArguments({ writeKey: 'bench', apiHost: running.apiHost })
    const [analytics] = await AnalyticsBrowser.load(settings, init)
    const stored = async () => {
      const [row] = await running.collector.query(`SELECT count(*) AS n FROM events WHERE event = 'Message Sent'`)
      return Number(row?.n ?? 0)
    }
    const samples: number[] = []
    let expected = 0
    for (let round = 0; round < rounds + 1; round++) {
      const client = createCopilotAnalytics({ analytics: analytics as unknown as AnalyticsLike, validate: 'off' })
      const start = performance.now()
      for (let i = 0; i < events; i++) client.messageSent({ body: MESSAGE })
      expected += events
      const deadline = Date.now() + 120_000
      while ((await stored()) < expected) {
        if (Date.now() > deadline) throw new Error(`collector: ${await stored()} of ${expected} stored in 120 s`)
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      const seconds = (performance.now() - start) / 1000
      if (round > 0) samples.push(events / seconds)
    }
    return { eventsPerSecond: median(samples), events, rounds }
  } finally {
    await running.close()
  }
}

/** Runs both throughput measures in the current (jsdom) environment. */
export async function throughput(
  root: string,
  options: { memoryEvents: number; collectorEvents: number; rounds: number },
): Promise<ThroughputResult> {
  return {
    memory: await memoryThroughput(options.memoryEvents, options.rounds),
    collector: await collectorThroughput(root, options.collectorEvents, options.rounds),
  }
}
