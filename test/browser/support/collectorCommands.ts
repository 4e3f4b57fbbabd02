// Browser-mode commands (they run in Node, in Vitest's process) that give each browser test file its own
// collector child process: started, stopped, SIGKILLed and restarted on one fixed port and database file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserCommand } from 'vitest/node'
import { type CollectorProcess, collectorProcess, freePort } from '../../support/collectorProcess.ts'

interface Instance {
  readonly process: CollectorProcess
  readonly dir: string
}

const instances = new Map<string, Instance>()
process.once('exit', () => {
  for (const { process: collector, dir } of instances.values()) {
    void collector.kill()
    rmSync(dir, { recursive: true, force: true })
  }
})

const instanceFor = async (key: string): Promise<Instance> => {
  let instance = instances.get(key)
  if (!instance) {
    const dir = mkdtempSync(join(tmpdir(), 'delivery-'))
    instance = { process: collectorProcess({ port: await freePort(), db: join(dir, 'events.duckdb') }), dir }
    instances.set(key, instance)
  }
  return instance
}

/** What a test learns about one probe event name: how many rows, how many distinct `seq` values, which IDs. */
export interface ProbeCount {
  readonly rows: number
  readonly distinctSeq: number
  readonly messageIds: string[]
}

const collectorStart: BrowserCommand<[], { apiHost: string }> = async (ctx) => {
  const { process: collector } = await instanceFor(ctx.testPath ?? 'default')
  if (!collector.running) await collector.start()
  return { apiHost: collector.apiHost }
}

const collectorStop: BrowserCommand<[]> = async (ctx) => {
  await (await instanceFor(ctx.testPath ?? 'default')).process.stop()
}

const collectorKill: BrowserCommand<[]> = async (ctx) => {
  await (await instanceFor(ctx.testPath ?? 'default')).process.kill()
}

const collectorCount: BrowserCommand<[event: string], ProbeCount | null> = async (ctx, event) => {
  const { process: collector } = await instanceFor(ctx.testPath ?? 'default')
  if (!collector.running) return null
  const response = await fetch(`${collector.url}/api/events?limit=10000&event=${encodeURIComponent(event)}`).catch(
    () => undefined,
  )
  if (!response?.ok) return null
  const rows = (await response.json()) as { message_id: string; properties: { seq?: number } }[]
  return {
    rows: rows.length,
    distinctSeq: new Set(rows.map((row) => row.properties.seq)).size,
    messageIds: rows.map((row) => row.message_id),
  }
}

// Rows are read here, in Node, not from the page: the collector's /api/* reads are same-origin only and the test
// page is another origin.
const collectorRows: BrowserCommand<[], unknown[] | null> = async (ctx) => {
  const { process: collector } = await instanceFor(ctx.testPath ?? 'default')
  if (!collector.running) return null
  const response = await fetch(`${collector.url}/api/events?limit=10000`).catch(() => undefined)
  return response?.ok ? ((await response.json()) as unknown[]) : null
}

const collectorDispose: BrowserCommand<[]> = async (ctx) => {
  const key = ctx.testPath ?? 'default'
  const instance = instances.get(key)
  if (!instance) return
  instances.delete(key)
  await instance.process.stop()
  rmSync(instance.dir, { recursive: true, force: true })
}

/** Register with `test.browser.commands` of the browser project. */
export const collectorCommands = {
  collectorStart,
  collectorStop,
  collectorKill,
  collectorCount,
  collectorRows,
  collectorDispose,
}

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Starts (or restarts) this test file's collector; the same apiHost every time. */
    collectorStart(): Promise<{ apiHost: string }>
    /** Ctrl-C: a clean shutdown. */
    collectorStop(): Promise<void>
    /** SIGKILL: no shutdown at all. */
    collectorKill(): Promise<void>
    /** Rows stored for a probe event name, or null while the collector is down. */
    collectorCount(event: string): Promise<ProbeCount | null>
    /** Every stored row (up to 10,000) as /api/events returns it, or null while the collector is down. */
    collectorRows(): Promise<unknown[] | null>
    /** Stops the collector and deletes its database. */
    collectorDispose(): Promise<void>
  }
}
