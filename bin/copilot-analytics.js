#!/usr/bin/env node
// The `copilot-analytics` command. Installed from npm it runs the built CLI; in a clone of the repository it runs
// the source through tsx, so `npx copilot-analytics collector` works after `npm install` alone, with no build.
import { existsSync } from 'node:fs'

const source = new URL('../src/collector/cli.ts', import.meta.url)
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api')
  register()
  await import(source.href)
} else {
  await import('../dist/cli.js')
}
