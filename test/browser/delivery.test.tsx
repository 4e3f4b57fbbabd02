// Delivery that loses nothing, in real Chromium: the kit's provider → real analytics-next → our collector,
// which runs as a child process that the commands stop, SIGKILL and restart (test/browser/support).
import { render } from '@testing-library/react'
import { useEffect } from 'react'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { commands } from 'vitest/browser'
import { CopilotAnalyticsProvider, useTrack } from '../../src'
import type { ProbeCount } from './support/collectorCommands'

type Track = (event: string, properties?: Record<string, unknown>) => void

let apiHost: string
beforeAll(async () => {
  ;({ apiHost } = await commands.collectorStart())
})
afterAll(() => commands.collectorDispose())

function Probe({ onReady }: { onReady: (track: Track) => void }) {
  const track = useTrack()
  useEffect(() => onReady(track as Track), [track, onReady])
  return null
}

/** Mounts the provider against the collector, with its own write key (so its own persisted queue). */
async function mountProvider(name: string): Promise<{ track: Track; unmount(): void }> {
  let ready!: (track: Track) => void
  const tracked = new Promise<Track>((resolve) => {
    ready = resolve
  })
  const { unmount } = render(
    <CopilotAnalyticsProvider writeKey={`delivery-${name}`} apiHost={apiHost}>
      <Probe onReady={ready} />
    </CopilotAnalyticsProvider>,
  )
  return { track: await tracked, unmount }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls the collector until `done` holds for the probe event's rows, or fails with the last count. */
async function waitForCount(
  event: string,
  done: (count: ProbeCount) => boolean,
  timeoutMs = 45_000,
): Promise<ProbeCount> {
  const deadline = Date.now() + timeoutMs
  let last: ProbeCount | null = null
  for (;;) {
    last = (await commands.collectorCount(event)) ?? last
    if (last && done(last)) return last
    if (Date.now() > deadline)
      throw new Error(
        `${event}: not delivered within ${timeoutMs} ms; last count ${JSON.stringify(last && { rows: last.rows, distinctSeq: last.distinctSeq })}`,
      )
    await sleep(250)
  }
}

const runId = () => Math.random().toString(36).slice(2, 8)

it('delivers 200 events tracked while the collector is down, each stored once', async () => {
  const event = `Outage Probe ${runId()}`
  const { track, unmount } = await mountProvider('outage')
  track(`${event} warm-up`)
  await waitForCount(`${event} warm-up`, (count) => count.rows === 1)

  await commands.collectorStop()
  for (let seq = 0; seq < 200; seq++) track(event, { seq })
  await sleep(4_000) // several seconds down: every first attempt and some retries fail
  expect(await commands.collectorCount(event)).toBeNull()
  await commands.collectorStart()

  const count = await waitForCount(event, (c) => c.distinctSeq === 200)
  expect(count.distinctSeq).toBe(200)
  expect(count.rows).toBe(200)
  unmount()
}, 150_000) // above the sum of its own deadlines, which say what is missing

it('loses no acknowledged event when the collector is SIGKILLed and restarted under a steady stream', async () => {
  const event = `Kill Probe ${runId()}`
  // what analytics-next was told: message IDs of every track that got a 200 from the collector
  const acknowledged = new Set<string>()
  const realFetch = window.fetch
  window.fetch = async (input, init) => {
    const response = await realFetch(input, init)
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (response.status === 200 && url.endsWith('/v1/t') && typeof init?.body === 'string') {
      const body = JSON.parse(init.body) as { event?: string; messageId?: string }
      if (body.event === event && body.messageId) acknowledged.add(body.messageId)
    }
    return response
  }
  try {
    const { track, unmount } = await mountProvider('kill')
    let seq = 0
    const stream = setInterval(() => track(event, { seq: seq++ }), 20) // about 50 events a second
    const ackedBy = async (n: number) => {
      const deadline = Date.now() + 20_000
      while (acknowledged.size < n && Date.now() < deadline) await sleep(50)
      expect(acknowledged.size).toBeGreaterThanOrEqual(n)
    }

    await ackedBy(40)
    const ackedBeforeKill = new Set(acknowledged)
    await commands.collectorKill()
    await sleep(1_500) // the stream goes on into a dead port
    await commands.collectorStart()
    // every event acknowledged before the kill is in the restarted collector's database
    const afterRestart = await waitForCount(event, (c) => c.rows >= ackedBeforeKill.size, 10_000)
    const stored = new Set(afterRestart.messageIds)
    expect([...ackedBeforeKill].filter((id) => !stored.has(id))).toEqual([])

    await ackedBy(acknowledged.size + 40) // and it keeps taking the stream
    clearInterval(stream)
    const sent = seq
    // events whose attempts all failed while the collector was down sit in analytics-next's exponential backoff
    // (up to ~30 s for a sixth attempt), longer when a loaded machine restarts the collector slowly
    const count = await waitForCount(event, (c) => c.distinctSeq === sent, 100_000)
    expect(count.rows).toBe(sent)
    const final = new Set(count.messageIds)
    expect([...acknowledged].filter((id) => !final.has(id))).toEqual([])
    unmount()
  } finally {
    window.fetch = realFetch
  }
}, 200_000) // above the sum of its own deadlines, which say what is missing; a loaded machine restarts slowly
