import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { createExampleServer, type ExampleServer } from '../../example-app/server/createExampleServer'
import { createScriptedModel } from '../../example-app/server/scriptedModel'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium'

/** The example app as its end-to-end tests meet it. */
export interface ExampleAppSession {
  readonly server: ExampleServer
  readonly browser: Browser
  /** One page, its uncaught errors collected in `pageErrors`. */
  readonly page: Page
  /** Where the client was built. */
  readonly clientDir: string
  /** Uncaught errors of `page` (tests add their other pages' too): the app must have none. */
  readonly pageErrors: string[]
  close(): Promise<void>
}

/**
 * The real client built by Vite into a temporary folder, the server on a free port with an in-memory collector and
 * the scripted model (fast), and Chromium with one page.
 */
export async function startExampleApp(): Promise<ExampleAppSession> {
  const clientDir = await mkdtemp(join(tmpdir(), 'example-app-client-'))
  await build({
    configFile: join(import.meta.dirname, '../../example-app/vite.config.ts'),
    build: { outDir: clientDir, emptyOutDir: true, sourcemap: false },
    logLevel: 'warn',
  })
  const server = await createExampleServer({
    port: 0,
    db: ':memory:',
    clientDir,
    model: createScriptedModel({ chunkDelayMs: 2 }),
  })
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  const page = await browser.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  return {
    server,
    browser,
    page,
    clientDir,
    pageErrors,
    async close() {
      await browser.close()
      await server.close()
      await rm(clientDir, { recursive: true, force: true })
    },
  }
}
