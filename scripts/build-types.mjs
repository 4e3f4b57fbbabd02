// Emits declarations with tsc, then makes them resolvable by every consumer: explicit `.js` extensions for
// ESM (`.d.ts`), a `.d.cts` twin with `.cjs` extensions for `require`, and one top-level file per entry.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')
const emitted = join(dist, 'types')
rmSync(emitted, { recursive: true, force: true })
execFileSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
  {
    stdio: 'inherit',
  },
)

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })

/** `./store` → `./store.js` or `./react/index.js`, as the emitted files say. */
const withExtension = (fromFile, specifier, extension) => {
  if (!specifier.startsWith('.')) return specifier
  const base = join(dirname(fromFile), specifier)
  if (existsSync(`${base}.d.ts`)) return `${specifier}${extension}`
  if (existsSync(join(base, 'index.d.ts'))) return `${specifier.replace(/\/$/, '')}/index${extension}`
  return specifier
}

const rewrite = (file, source, extension) =>
  source.replace(
    /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*)(['"])/g,
    (_, head, specifier, tail) => `${head}${withExtension(file, specifier, extension)}${tail}`,
  )

for (const file of walk(emitted).filter((f) => f.endsWith('.d.ts'))) {
  const source = readFileSync(file, 'utf8')
  writeFileSync(file, rewrite(file, source, '.js'))
  writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), rewrite(file, source, '.cjs'))
}

// dist/<entry>.d.ts and .d.cts next to dist/<entry>.js and .cjs
const config = readFileSync(join(root, 'vite.config.ts'), 'utf8')
const entries = [...config.matchAll(/^\s+['"]?([\w-]+)['"]?: '(src\/[^']+)\.tsx?',?$/gm)]
mkdirSync(dist, { recursive: true })
for (const [, name, source] of entries) {
  const target = relative(dist, join(emitted, source.replace(/^src\//, ''))).replaceAll('\\', '/')
  for (const [extension, js] of [
    ['.d.ts', '.js'],
    ['.d.cts', '.cjs'],
  ]) {
    writeFileSync(join(dist, `${name}${extension}`), `export * from './${target}${js}'\n`)
  }
}
console.log(`declarations for ${entries.map(([, name]) => name).join(', ')}`)

// copilot-analytics/server in a browser bundle (the package's `browser` condition): fail loudly at import, as the
// `server-only` convention does, rather than ship a write key's code path and analytics-node to a browser
writeFileSync(
  join(dist, 'server-browser.js'),
  "throw new Error('copilot-analytics/server is server-only: import it from route handlers, server actions and server components, not from client code')\n",
)
