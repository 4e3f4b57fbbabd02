// The Storybook addon as a user meets it: test/fixtures/storybook-app is a user's Storybook that installs this
// package from its packed tarball (`npm pack`) and lists only `addons: ['copilot-analytics/storybook']`. It is
// built with `storybook build`, its stories run in Chromium through the Vitest addon (asserting with
// `expectEvents`), and a click in the built Storybook shows up in the Analytics events panel.
// Installs the fixture's own dependencies (its lockfile) on first use; needs `npm run build` (done when missing).
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { promisify } from 'node:util'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'

const run = promisify(execFile)
const root = join(import.meta.dirname, '../..')
const fixture = join(root, 'test/fixtures/storybook-app')
const bin = (name: string) => join(fixture, 'node_modules/.bin', name)
const MINUTES = 60_000

// the child tools must not think they run inside this Vitest
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !key.startsWith('VITEST') && !key.startsWith('__VITEST') && key !== 'FORCE_COLOR',
  ),
)
const inFixture = (file: string, args: string[], timeout: number) =>
  run(file, args, { cwd: fixture, env: { ...env, CI: 'true', NO_COLOR: '1' }, timeout, maxBuffer: 64 * 1024 * 1024 })

const work = mkdtempSync(join(tmpdir(), 'storybook-addon-'))
const staticDir = join(work, 'storybook-static')

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/storybook-preset.js'))) {
    await run('npm', ['run', 'build'], { cwd: root, timeout: 5 * MINUTES })
  }
  // a fresh tarball of the current build every run; the fixture's other dependencies come from its lockfile
  const { stdout } = await run('npm', ['pack', '--pack-destination', work, '--json'], { cwd: root, timeout: MINUTES })
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }]
  await inFixture(
    'npm',
    ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', join(work, filename)],
    10 * MINUTES,
  )
  await inFixture(bin('storybook'), ['build', '--quiet', '--output-dir', staticDir], 5 * MINUTES)
}, 20 * MINUTES)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('copilot-analytics/storybook in a user’s Storybook', () => {
  it(
    'runs the stories in Chromium with the Vitest addon, asserting with expectEvents',
    async () => {
      const result = await inFixture(bin('vitest'), ['run', '--reporter=verbose'], 10 * MINUTES).catch(
        (error: { stdout?: string; stderr?: string }) => error,
      )
      const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`
      expect(output, output).toMatch(/Tests\s+8 passed \(8\)/)
      for (const story of ['Thumbs Up', 'Readable Failure', 'Known User', 'Consent Denied', 'Disabled', 'Buy']) {
        expect(output).toMatch(new RegExp(`✓ .*${story}`))
      }
    },
    10 * MINUTES,
  )

  describe('the built Storybook', () => {
    let server: Server
    let browser: Browser
    let origin: string

    beforeAll(async () => {
      const types: Record<string, string> = {
        '.html': 'text/html',
        '.js': 'text/javascript',
        '.css': 'text/css',
        '.json': 'application/json',
        '.svg': 'image/svg+xml',
      }
      server = createServer(async (request, response) => {
        const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
        const file = normalize(join(staticDir, path.endsWith('/') ? `${path}index.html` : path))
        if (!file.startsWith(staticDir)) return void response.writeHead(403).end()
        try {
          const body = await readFile(file)
          response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body)
        } catch {
          response.writeHead(404).end()
        }
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
    })

    afterAll(async () => {
      await browser?.close()
      await new Promise((resolve) => server?.close(resolve))
    })

    it(
      'shows a clicked widget’s event in the Analytics events panel, live, with filter and Clear',
      async () => {
        const page = await browser.newPage()
        await page.goto(`${origin}/?path=/story/widgets-feedback--default`)
        await page.getByRole('tab', { name: 'Analytics events' }).click({ timeout: 60_000 })
        const panel = page.getByRole('region', { name: 'Analytics events' })
        await panel.getByRole('listitem', { name: 'identify' }).waitFor({ timeout: 60_000 })

        const story = page.frameLocator('#storybook-preview-iframe')
        await story.getByRole('button', { name: 'Good answer' }).click()

        const feedback = panel.getByRole('listitem', { name: 'Feedback Submitted' })
        await feedback.waitFor()
        expect(await feedback.textContent()).toMatch(/#2Feedback Submittedsent✓ matches the spec/)
        expect(await feedback.textContent()).toContain('"rating": 1')
        expect(await panel.getByText(/^2 events/).isVisible()).toBe(true)

        await panel.getByRole('textbox', { name: 'Filter by event name' }).fill('identify')
        expect(await panel.getByRole('listitem').count()).toBe(1)
        await panel.getByRole('textbox', { name: 'Filter by event name' }).fill('')

        await panel.getByRole('button', { name: 'Clear' }).click()
        await panel.getByText('No events yet: interact with the story.').waitFor()
        await page.close()
      },
      3 * MINUTES,
    )
  })
})
