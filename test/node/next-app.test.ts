/**
 * The server half as a Next.js 16 App Router user meets it, on the packed package: the provider in a client layout,
 * useChat + useChatAnalytics, a route handler streaming a scripted model's answer that sends Message Received from
 * the server, a server action sending a business event, and the events proxy route. Driven in Chromium against the
 * real collector. The test packs the package, installs the fixture when it is not installed yet (`npm install` in
 * test/fixtures/next-app, from its committed lockfile), puts the fresh tarball in it, then `next build`, `next start`.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type EventRow, type RunningCollector, startCollector } from '../../src/collector'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'
import { freePort, waitUntil } from '../support/collectorProcess'

const run = promisify(execFile)
const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const fixture = join(root, 'test/fixtures/next-app')
const next = join(fixture, 'node_modules/next/dist/bin/next')
const MINUTES = 60_000

let collector: RunningCollector
let app: ChildProcess | undefined
let browser: Browser | undefined
let url = ''
let printed = ''

/** npm, as the user runs it (npm 11 is on PATH next to node). */
const npm = (args: string[], cwd: string, timeout = 10 * MINUTES) =>
  run('npm', args, { cwd, timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_ENV: undefined } })

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/server.js'))) await npm(['run', 'build'], root)
  const pack = join(fixture, '.pack')
  mkdirSync(pack, { recursive: true })
  const { stdout } = await npm(['pack', '--pack-destination', pack, '--silent'], root)
  const tarball = join(pack, 'copilot-analytics.tgz')
  renameSync(join(pack, stdout.trim().split('\n').at(-1) as string), tarball)
  if (!existsSync(next)) await npm(['install', '--no-audit', '--no-fund', '--no-save'], fixture)
  // the fresh tarball, whatever the lockfile's integrity says (npm would keep the one it installed before)
  const installed = join(fixture, 'node_modules/copilot-analytics')
  rmSync(installed, { recursive: true, force: true })
  mkdirSync(installed, { recursive: true })
  await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'])
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' }
  await run(process.execPath, [next, 'build'], {
    cwd: fixture,
    env,
    timeout: 10 * MINUTES,
    maxBuffer: 64 * 1024 * 1024,
  })

  collector = await startCollector({ port: 0, db: ':memory:' })
  const port = await freePort()
  url = `http://127.0.0.1:${port}`
  app = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: fixture,
    env: { ...env, COLLECTOR_URL: collector.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  app.stdout?.on('data', (chunk: Buffer) => {
    printed += chunk.toString()
  })
  app.stderr?.on('data', (chunk: Buffer) => {
    printed += chunk.toString()
  })
  await waitUntil(
    async () => (await fetch(url).catch(() => undefined))?.ok === true,
    2 * MINUTES,
    () => `next start did not answer:\n${printed}`,
  )
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}, 25 * MINUTES)

afterAll(async () => {
  await browser?.close()
  app?.kill('SIGTERM')
  await collector?.close()
})

const rows = async () => (await collector.collector.query('SELECT * FROM events')) as unknown as EventRow[]
const library = (row: EventRow) => (row.context as { library?: { name?: string } } | null)?.library?.name

describe('a Next.js App Router app on the packed package', () => {
  it('joins the browser (through the proxy) and the server (route handler, server action) on one visitor and conversation', async () => {
    const page = await (browser as Browser).newPage()
    await page.goto(url)
    await page.getByLabel('Message').fill('How is NVDA doing?')
    await page.getByRole('button', { name: 'Send' }).click()
    await page.getByText('NVDA is up 3% today.').waitFor({ timeout: 60_000 })
    await page.getByRole('button', { name: 'Rate 👍' }).click()
    await page.getByRole('button', { name: 'Confirm purchase' }).click()
    await page.getByText('Purchase confirmed').waitFor({ timeout: 60_000 })
    const state = await page.evaluate(() => ({
      anonymousId: JSON.parse(localStorage.getItem('copilot-analytics:state') ?? '{}').anonymousId as string,
      conversationId: localStorage.getItem('newChatId'),
    }))
    await page.reload()
    const wanted = ['Message Sent', 'Feedback Submitted', 'Message Received', 'Stock Purchased']
    await waitUntil(
      async () => {
        const now = await rows()
        return wanted.every((name) => now.some((row) => row.event === name))
      },
      60_000,
      async () => `collector holds ${JSON.stringify((await rows()).map((row) => row.event))}\n${printed}`,
    )
    const stored = await rows()
    const byEvent = (name: string) => stored.filter((row) => row.event === name)
    expect(byEvent('Message Received')).toHaveLength(1)
    for (const name of wanted) {
      const [row] = byEvent(name)
      expect(row, name).toMatchObject({ anonymous_id: state.anonymousId, conversation_id: state.conversationId })
    }
    // the browser's events came through the proxy (analytics-next), the server's through analytics-node
    expect(library(byEvent('Message Sent')[0] as EventRow)).toBe('analytics.js')
    expect(library(byEvent('Feedback Submitted')[0] as EventRow)).toBe('analytics.js')
    expect(library(byEvent('Message Received')[0] as EventRow)).toBe('@segment/analytics-node')
    expect(library(byEvent('Stock Purchased')[0] as EventRow)).toBe('@segment/analytics-node')
    // the rating joins the server's answer: the same AI SDK message ID on both sides
    expect(byEvent('Feedback Submitted')[0]?.chat_message_id).toBe(byEvent('Message Received')[0]?.chat_message_id)
    expect(byEvent('Message Received')[0]?.properties).toMatchObject({
      model: 'scripted-model',
      finish_reason: 'stop',
      usage: { input_tokens: 12, output_tokens: 7, total_tokens: 19 },
    })
    await page.close()
  })

  it("ships none of the server's code to the browser", () => {
    const files = readdirSync(join(fixture, '.next/static'), { recursive: true, encoding: 'utf8' })
    const scripts = files.filter((file) => file.endsWith('.js'))
    expect(scripts.length).toBeGreaterThan(0)
    const shipped = scripts.map((file) => readFileSync(join(fixture, '.next/static', file), 'utf8')).join('\n')
    // the client does ship copilotHeaders, and the server's bundles hold the strings looked for: the scan can fail
    expect(shipped).toContain('x-copilot-anonymous-id')
    const server = readdirSync(join(fixture, '.next/server'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(fixture, '.next/server', file), 'utf8'))
      .join('\n')
    expect(server).toContain('copilot-analytics.server.analytics-node')
    expect(server).toContain('not a Segment tracking call')
    for (const serverOnly of [
      'copilot-analytics.server.analytics-node',
      'not a Segment tracking call',
      '@segment/analytics-node',
    ]) {
      expect(shipped, serverOnly).not.toContain(serverOnly)
    }
  })

  it('tracks nothing on the server for a browser whose consent is denied', async () => {
    const before = (await rows()).length
    const context = await (browser as Browser).newContext()
    await context.addInitScript(() => localStorage.setItem('fixture-consent', 'denied'))
    const page = await context.newPage()
    await page.goto(url)
    await page.getByLabel('Message').fill('And AAPL?')
    await page.getByRole('button', { name: 'Send' }).click()
    await page.getByText('NVDA is up 3% today.').waitFor({ timeout: 60_000 })
    await page.getByRole('button', { name: 'Confirm purchase' }).click()
    await page.getByText('Purchase confirmed').waitFor({ timeout: 60_000 })
    // the action awaited its flush; give the route's after() flush time to land if it (wrongly) sent anything
    await new Promise((resolve) => setTimeout(resolve, 2000))
    expect((await rows()).length).toBe(before)
    await context.close()
  })
})
