// Load generator for `npm run bench`, run as its own process so it does not share the collector's event loop:
// `node --import tsx bench/collectorLoad.ts <apiHost> <batch|single> <seconds> <senders> [eventsPerSecond]`.
// Each sender posts as soon as its previous request was acknowledged (closed loop), or on a fixed schedule when a
// rate is given (open loop, for the acknowledgement latency at a set rate). Prints one JSON line.
import { randomUUID } from 'node:crypto'
import { Agent, request } from 'node:http'
import { benchCalls } from './benchCall'

const [apiHost = '', mode = 'batch', secondsArg = '5', sendersArg = '8', rateArg] = process.argv.slice(2)
const seconds = Number(secondsArg)
const senders = Number(sendersArg)
const rate = rateArg ? Number(rateArg) : undefined
const BATCH = mode === 'batch' ? 100 : 1
const run = randomUUID().slice(0, 8)
const auth = `Basic ${Buffer.from('bench:').toString('base64')}`

const call = benchCalls(run)

// node:http with kept-alive sockets: fetch (undici) tops out near 900 single calls/s on this 2-core machine even
// against a server that answers at once, which would measure the sender instead of the collector
const agent = new Agent({ keepAlive: true, maxSockets: senders * 8 })
const target = new URL(`${apiHost}/${mode === 'batch' ? 'b' : 't'}`)
const send = (body: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'text/plain', Authorization: auth, 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })

const latencies: number[] = []
let acked = 0
let failed = 0
// what the failures were: an HTTP status, or the socket error's code
const failures: Record<string, number> = {}
const fail = (why: string) => {
  failed += BATCH
  failures[why] = (failures[why] ?? 0) + 1
}
const post = async () => {
  const body = mode === 'batch' ? { batch: Array.from({ length: BATCH }, call) } : call()
  const start = performance.now()
  try {
    const status = await send(JSON.stringify(body))
    if (status === 200) acked += BATCH
    else fail(String(status))
  } catch (error) {
    fail((error as { code?: string }).code ?? 'error')
  }
  latencies.push(performance.now() - start)
}

const started = performance.now()
const end = started + seconds * 1000
if (rate === undefined) {
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (performance.now() < end) await post()
    }),
  )
} else {
  // open loop: requests leave on schedule whether or not earlier ones were answered (bounded in flight); what is
  // owed comes from the time elapsed, so a late timer does not lower the rate offered
  const inFlight = new Set<Promise<void>>()
  let sent = 0
  while (performance.now() < end) {
    const owed = Math.floor(((performance.now() - started) / 1000) * (rate / BATCH)) - sent
    for (let i = 0; i < owed && inFlight.size < senders * 8; i++) {
      sent++
      const request = post().finally(() => inFlight.delete(request))
      inFlight.add(request)
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  await Promise.all(inFlight)
}
const elapsed = (performance.now() - started) / 1000
latencies.sort((a, b) => a - b)
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0
process.stdout.write(
  `${JSON.stringify({ mode, senders, rate: rate ?? null, acked, failed, failures, seconds: elapsed, eventsPerSecond: acked / elapsed, p50: at(0.5), p99: at(0.99) })}\n`,
)
agent.destroy()
