// Runs the per-event benchmark in real Chromium (Debian's, headless, via playwright-core): the kit and analytics-next
// bundled for the browser in production mode, served from the loopback bench server that is also their sink.
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/chromium'
import type { PerEventResult } from './perEvent'
import { startBenchServer } from './server'

/** Per-event results from Chromium, or why it was skipped. */
export type ChromiumPerEvent = (PerEventResult & { browser: string }) | { skipped: string }

export async function perEventInChromium(
  root: string,
  options: { batch: number; rounds: number; warmup: number },
): Promise<ChromiumPerEvent> {
  const bundled = await build({
    entryPoints: [`${root}/bench/browserEntry.ts`],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  })
  const script = bundled.outputFiles[0]?.text ?? ''
  const server = await startBenchServer({
    page: '<!doctype html><title>bench</title><script type="module" src="/bench.js"></script>',
    script,
  })
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
    const page = await browser.newPage()
    await page.goto(server.origin)
    await page.waitForFunction(() => typeof window.runPerEvent === 'function')
    const result = await page.evaluate((input) => window.runPerEvent(input), {
      apiHost: server.apiHost,
      ...options,
    })
    return { ...result, browser: `Chromium ${browser.version()}` }
  } catch (error) {
    return { skipped: `Chromium run failed: ${(error as Error).message.split('\n')[0]}` }
  } finally {
    await browser?.close()
    await server.close()
  }
}
