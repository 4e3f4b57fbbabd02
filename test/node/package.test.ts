// The BUILT package as a user's Node gets it: every entry of package.json `exports` imported from plain ESM and
// required from plain CJS (self-reference by name, as a consumer would), and the React entry rendered under React 18
// (test/react18 fixture) and React 19 (the root's). Needs `npm run build` first, as `npm test` does.
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = join(import.meta.dirname, '../..')
const fixture = join(root, 'test/react18')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string
  exports: Record<string, unknown>
}

type Conditions = { import?: unknown; require?: unknown; node?: unknown; default?: unknown }
/** `./core` → `copilot-analytics/core`, with the file each condition points at (missing ones are skipped). */
const entries = Object.entries(pkg.exports)
  .filter(([subpath]) => subpath !== './package.json')
  .map(([subpath, target]) => {
    const conditions = (typeof target === 'string' ? { default: target } : target) as Conditions
    const file = (value: unknown): string | undefined => {
      if (typeof value === 'string') return value
      if (value && typeof value === 'object') return file((value as Conditions).default ?? (value as Conditions).node)
      return undefined
    }
    return {
      specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
      esm: file(conditions.import ?? conditions.node ?? conditions.default),
      cjs: file(conditions.require),
    }
  })

/** Runs a script in a fresh `node` with cwd `cwd`, so bare specifiers resolve from there; returns its JSON output. */
const node = async (cwd: string, script: string, type: 'module' | 'commonjs') => {
  const { stdout } = await run(process.execPath, [`--input-type=${type}`, '-e', script], {
    cwd,
    timeout: 30_000,
  })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null') as Record<string, unknown>
}

// in an async function, so CommonJS scripts can wait for the client's pipeline (loaded on first use) too
const describeExports = (module: string) => `
  ;(async () => {
    const names = Object.keys(m).sort()
    const out = { names, functions: names.filter((n) => typeof m[n] === 'function') }
    if (typeof m.createCopilotAnalytics === 'function' && typeof m.memoryDestination === 'function') {
      const destination = m.memoryDestination()
      const client = m.createCopilotAnalytics({ destination })
      client.messageSent({ body: 'hello from ${module}' })
      await client.flush()
      out.events = destination.events.map((e) => e.event ?? e.type)
      out.body = destination.events.at(-1)?.properties?.message_body
    }
    console.log(JSON.stringify(out))
  })()`

it('the build exists (run `npm run build` first)', () => {
  expect(existsSync(join(root, 'dist/index.js')), 'dist/index.js is missing: run `npm run build`').toBe(true)
})

/**
 * Entries whose `require` build cannot load because a peer refuses CommonJS. Vitest throws on `require('vitest')`,
 * so a Vitest setup entry should offer `import` only: once its `require` condition is dropped this check skips itself.
 */
const CJS_REFUSED_BY_PEER: Record<string, RegExp> = {
  [`${pkg.name}/testing/vitest`]: /Vitest cannot be imported in a CommonJS module/,
}

describe.each(entries)('$specifier', ({ specifier, esm, cjs }) => {
  const built = (file: string | undefined) => file !== undefined && existsSync(join(root, file))

  it.skipIf(!built(esm))(`imports from plain Node ESM (${esm ?? 'no import condition'})`, async () => {
    const out = await node(root, `const m = await import('${specifier}');${describeExports(specifier)}`, 'module')
    expect(out.names).not.toEqual([])
    if (out.events) {
      expect(out.events).toEqual(['Conversation Started', 'Message Sent'])
      expect(out.body).toBe(`hello from ${specifier}`)
    }
  })

  const refused = CJS_REFUSED_BY_PEER[specifier]
  it.runIf(built(cjs) && refused)(
    `offers require (${cjs}) although its peer refuses CJS: drop that condition`,
    async () => {
      await expect(node(root, `require('${specifier}')`, 'commonjs')).rejects.toThrow(refused)
    },
  )

  it.skipIf(!built(cjs) || refused)(`requires from plain Node CJS (${cjs ?? 'no require condition'})`, async () => {
    const out = await node(root, `const m = require('${specifier}');${describeExports(specifier)}`, 'commonjs')
    expect(out.names).not.toEqual([])
    if (out.events) expect(out.events).toEqual(['Conversation Started', 'Message Sent'])
  })
})

it('exports the same names from ESM and CJS for the core and React entries', async () => {
  for (const specifier of [pkg.name, `${pkg.name}/core`]) {
    const esm = await node(root, `const m = await import('${specifier}');${describeExports(specifier)}`, 'module')
    const cjs = await node(root, `const m = require('${specifier}');${describeExports(specifier)}`, 'commonjs')
    expect(cjs.names).toEqual(esm.names)
    expect(esm.functions).toEqual(expect.arrayContaining(['createCopilotAnalytics', 'memoryDestination']))
  }
  const react = await node(root, `const m = await import('${pkg.name}');${describeExports(pkg.name)}`, 'module')
  expect(react.functions).toEqual(
    expect.arrayContaining(['CopilotAnalyticsProvider', 'useTrackMessage', 'useFeedback', 'withComponentTracking']),
  )
})

describe('renders the built React entry', () => {
  const smoke = readFileSync(join(fixture, 'smoke.mjs'), 'utf8')
  const react18Installed = existsSync(join(fixture, 'node_modules/react/package.json'))
  // a private folder inside the fixture's node_modules, so parallel runs never share a copy: resolving from it
  // walks up to the fixture's node_modules (React 18), then to the root's (jsdom, zustand)
  let scratch = ''

  beforeAll(() => {
    if (!react18Installed) return
    // a copy, not a symlink: a symlink's real path would resolve React from the root (19) again
    scratch = mkdtempSync(join(fixture, 'node_modules', '.smoke-'))
    const installed = join(scratch, 'node_modules', pkg.name)
    mkdirSync(installed, { recursive: true })
    cpSync(join(root, 'dist'), join(installed, 'dist'), { recursive: true })
    cpSync(join(root, 'package.json'), join(installed, 'package.json'))
  })
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true })
  })

  const expectRendered = (out: Record<string, unknown>, major: string) => {
    expect(String(out.react).split('.')[0]).toBe(major)
    // server: markup, nothing sent
    expect(out.html).toBe('<button type="button">Send</button><figure>Chart NVDA</figure>')
    expect(out.serverEvents).toBe(0)
    // client: same markup; mount and one click send the spec events
    expect(out.clientHtml).toBe(out.html)
    expect(out.clientEvents).toEqual(
      expect.arrayContaining(['identify', 'Component Loaded', 'Conversation Started', 'Message Sent']),
    )
    expect(out.clientEvents).toHaveLength(4)
  }

  it('under React 19 (the root install)', async () => {
    expectRendered(await node(root, smoke, 'module'), '19')
  })

  it.skipIf(!react18Installed)('under React 18 (test/react18 fixture)', async () => {
    expectRendered(await node(scratch, smoke, 'module'), '18')
  })

  if (!react18Installed) {
    it.skip('under React 18: skipped, test/react18/node_modules is missing (run `npm ci --prefix test/react18`)')
  }
})
