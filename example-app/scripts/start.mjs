#!/usr/bin/env node
/**
 * `npm start`: builds the chat client when it is missing or older than its sources, then runs the example
 * server (TypeScript through tsx, in this process). `--build` forces a client build; `--build-only` stops after it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const appDir = fileURLToPath(new URL('..', import.meta.url))
const repoDir = join(appDir, '..')
const builtIndex = join(appDir, 'dist', 'index.html')
const args = new Set(process.argv.slice(2))

/** Newest modification time under these paths (files or folders). */
function newest(paths) {
  let latest = 0
  const visit = (path) => {
    if (!existsSync(path)) return
    const info = statSync(path)
    if (info.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry))
    else latest = Math.max(latest, info.mtimeMs)
  }
  paths.forEach(visit)
  return latest
}

const sources = [join(appDir, 'src'), join(appDir, 'index.html'), join(appDir, 'vite.config.ts'), join(repoDir, 'src')]
const stale = !existsSync(builtIndex) || newest(sources) > statSync(builtIndex).mtimeMs

if (stale || args.has('--build') || args.has('--build-only')) {
  console.log('Building the chat client (vite)…')
  const { build } = await import('vite')
  await build({ configFile: join(appDir, 'vite.config.ts'), logLevel: 'warn' })
}
if (!args.has('--build-only')) {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../server/main.ts')
}
