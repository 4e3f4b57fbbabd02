// The BUILT package in an app's production build: an app module importing from dist/core.js (and, for the React
// entry, dist/index.js) bundled by esbuild the way apps ship (code-split ESM, minified, NODE_ENV "production", peers
// external). The first bundle must carry neither the development sentences nor the spec table, redaction or the
// pipeline; and the bundle must still work, reporting problems by their short production names.
// Needs `npm run build` first, as `npm test` does.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build, type Metafile } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type * as Core from '../../src/core'

const root = join(import.meta.dirname, '../..')
const dist = join(root, 'dist')

/** Development sentences of src/core/problems.ts: production builds say only the problem's short name. */
const DEVELOPMENT_SENTENCES = [
  "must be a finite number or 'up'/'down'",
  'expected an object, got',
  'events waited for consent (maxPendingEvents)',
  'the messageBody function threw; the body was omitted',
]
/** A description of the spec table (src/spec/table.ts), which only the development validator needs. */
const SPEC_TABLE_TEXT =
  'The customer sends the first message of a new conversation. Sent once, just before that message.'
/** A redaction rule's placeholder (src/core/redact.ts), loaded only when privacy options ask for it. */
const REDACTION_TEXT = '[email]'
/** The pipeline's drop reason when the consent queue overflows (src/core/engine.ts). */
const PIPELINE_TEXT = 'consent queue full'
/** Names of problems the client's front reports: it reports them by number, the names load with the engine. */
const FRONT_PROBLEM_NAMES = ['no type, not sent', 'no name, not sent', 'listener threw', 'unknown state']

/** What an app writes: named imports of what it uses (and, for `everything`, every export of the React entry). */
const APPS = {
  core: `export { createCopilotAnalytics, memoryDestination, CopilotAnalyticsError } from ${JSON.stringify(join(dist, 'core.js'))}`,
  react: `export { CopilotAnalyticsProvider, useTrackMessage, useFeedback, useConversation, withComponentTracking } from ${JSON.stringify(join(dist, 'index.js'))}`,
  everything: `export * from ${JSON.stringify(join(dist, 'index.js'))}`,
}
type App = keyof typeof APPS

interface Output {
  /** Code-split output file name, relative to the outdir. */
  name: string
  code: string
}
interface Bundled {
  /** The entry output and the chunks it imports statically: what the app's first bundle carries. */
  initial: Output[]
  /** Everything written, lazy chunks included. */
  all: Output[]
  /** The entry output's path. */
  entry: string
}

let tmp = ''
const bundled = {} as Record<App, Bundled>

/** Bundles `app` as a production app build, into a folder of its own. */
const bundle = async (app: App): Promise<Bundled> => {
  const appDir = join(tmp, app)
  const outdir = join(appDir, 'out')
  mkdirSync(appDir)
  writeFileSync(join(appDir, 'app.js'), `${APPS[app]}\n`)
  const result = await build({
    entryPoints: [join(appDir, 'app.js')],
    absWorkingDir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    external: ['react', 'react/*', 'react-dom', 'react-dom/*', '@segment/analytics-next'],
    outdir,
    metafile: true,
    logLevel: 'silent',
  })
  const outputs: Metafile['outputs'] = result.metafile.outputs
  const entryKey = Object.keys(outputs).find((key) => outputs[key]?.entryPoint === `${app}/app.js`)
  if (!entryKey) throw new Error(`no entry output among ${Object.keys(outputs).join(', ')}`)
  const initialKeys = new Set([entryKey])
  for (const key of initialKeys) {
    for (const { path, kind, external } of outputs[key]?.imports ?? []) {
      if (kind === 'import-statement' && !external) initialKeys.add(path)
    }
  }
  const read = (key: string): Output => ({
    name: relative(outdir, join(tmp, key)),
    code: readFileSync(join(tmp, key), 'utf8'),
  })
  const jsKeys = Object.keys(outputs).filter((key) => key.endsWith('.js'))
  return {
    initial: [...initialKeys].map(read),
    all: jsKeys.map(read),
    entry: join(tmp, entryKey),
  }
}

const filesWith = (outputs: Output[], text: string) =>
  outputs.filter((output) => output.code.includes(text)).map((output) => output.name)

const distFilesWith = (text: string) =>
  readdirSync(dist).filter((file) => file.endsWith('.js') && readFileSync(join(dist, file), 'utf8').includes(text))

beforeAll(async () => {
  expect(existsSync(join(dist, 'core.js')), 'dist/core.js is missing: run `npm run build`').toBe(true)
  tmp = mkdtempSync(join(tmpdir(), 'copilot-analytics-production-build-'))
  bundled.core = await bundle('core')
  bundled.react = await bundle('react')
  bundled.everything = await bundle('everything')
})

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

it('the texts looked for are in the build, so their absence below means something', () => {
  for (const text of [
    ...DEVELOPMENT_SENTENCES,
    SPEC_TABLE_TEXT,
    REDACTION_TEXT,
    PIPELINE_TEXT,
    ...FRONT_PROBLEM_NAMES,
  ]) {
    expect(distFilesWith(text), text).not.toEqual([])
  }
})

it.each(['core', 'react', 'everything'] as const)(
  'production build of an app importing %s: no development sentence in any output file',
  (app) => {
    for (const sentence of DEVELOPMENT_SENTENCES) expect(filesWith(bundled[app].all, sentence), sentence).toEqual([])
  },
)

// not `everything`: it exports SPEC_EVENTS, and so the spec table, from its entry by definition
describe.each(['core', 'react'] as const)('production build of an app importing %s', (app) => {
  it('keeps the spec table, redaction rules, pipeline and problem names out of its first bundle', () => {
    const { initial, all } = bundled[app]
    expect(filesWith(initial, SPEC_TABLE_TEXT)).toEqual([])
    expect(filesWith(initial, REDACTION_TEXT)).toEqual([])
    expect(filesWith(initial, PIPELINE_TEXT)).toEqual([])
    for (const name of FRONT_PROBLEM_NAMES) expect(filesWith(initial, name), name).toEqual([])
    // loaded on demand: the pipeline and redaction are in chunks of their own, which only an import() reaches
    const lazy = all.filter((output) => !initial.some((first) => first.name === output.name))
    expect(filesWith(lazy, PIPELINE_TEXT)).not.toEqual([])
    expect(filesWith(lazy, REDACTION_TEXT)).not.toEqual([])
  })
})

it('the core bundle works in production: events delivered, problems reported by their short names', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const { createCopilotAnalytics, memoryDestination, CopilotAnalyticsError } = (await import(
    pathToFileURL(bundled.core.entry).href
  )) as typeof Core
  const errors: unknown[] = []
  const destination = memoryDestination()
  const client = createCopilotAnalytics({ destination, storage: null, onError: (error) => errors.push(error) })

  expect(client.feedbackSubmitted({ rating: Number.NaN })).toBeUndefined()
  const messageId = client.messageSent({ body: 'hi' })
  // problems the client's front finds: named by the engine, as every other problem
  expect(client.componentLoaded({ type: ' ' })).toBe(false)
  client.track('')
  await client.flush()

  expect(destination.events.map((event) => (event.type === 'track' ? event.event : event.type))).toEqual([
    'Conversation Started',
    'Message Sent',
  ])
  expect(destination.events[1]).toMatchObject({ properties: { messageId, message_body: 'hi', role: 'customer' } })
  expect(errors).toHaveLength(3)
  expect(errors[0]).toBeInstanceOf(CopilotAnalyticsError)
  expect((errors as Error[]).map((error) => error.message)).toEqual([
    '[copilot-analytics] Feedback Submitted: rating: not sent',
    '[copilot-analytics] Component Loaded: type: no type, not sent',
    '[copilot-analytics] (empty): event: no name, not sent',
  ])
  // production builds warn nothing in the console: onError is the app's channel
  expect(warn).not.toHaveBeenCalled()
})
