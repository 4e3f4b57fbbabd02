import { playwright } from '@vitest/browser-playwright'

/** Debian's Chromium, headless and quiet on a closed network. Never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Vitest browser-mode settings for one browser project: a fresh object each time, as Vitest writes names into it. */
export const chromium = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
  instances: [{ browser: 'chromium' as const }],
})
