// Bundle cost: each public entry and a typical app's import, minified and gzipped the way size-limit measures
// (esbuild, peers external, gzip level 9), beside the same measure of react-tracking and of analytics-next itself.
// Each import is built twice: unsplit (one bundle, `import()`s inlined: initial + everything it can load later) and
// code-split, which tells apart what an app's first bundle carries (the entry output and the chunks it imports
// statically) from the lazy chunks that load on demand through `import()`; each output is gzipped on its own.
import { existsSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { basename, join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Metafile, type OutputFile } from 'esbuild'

/** One output file of a code-split build. */
export interface ChunkSize {
  /** `entry` for the entry output, else esbuild's output file name (`chunk-<hash>.js` for a shared chunk). */
  name: string
  /** The module whose `import()` this chunk is the target of (lazy chunks; absent for shared chunks). */
  entryPoint?: string
  /** Minified bytes. */
  minified: number
  /** Minified and gzipped bytes (level 9), this file alone. */
  gzip: number
}

/** One measured bundle. */
export interface BundleSize {
  name: string
  /** Minified bytes, unsplit: initial and lazy code in one bundle. */
  minified: number
  /** Minified and gzipped bytes (level 9), unsplit. */
  gzip: number
  /** Code-split build: what an app's first bundle carries, the entry output plus the chunks it imports statically. */
  initial: {
    /** Summed over `chunks`. */
    minified: number
    /** Summed over `chunks`, each gzipped on its own. */
    gzip: number
    /** The entry output first, then the shared chunks it imports statically. */
    chunks: ChunkSize[]
  }
  /** Code-split build: the chunks that only an `import()` reaches, loaded on demand. */
  lazyChunks: ChunkSize[]
  /** Bytes of minified output per input file, largest first (only where asked for; unsplit build). */
  breakdown?: { input: string; bytes: number }[]
  /** The same for the initial outputs of the code-split build (only where asked for). */
  initialBreakdown?: { input: string; bytes: number }[]
}

/** What bundleCost measured, and the entries it could not. */
export interface BundleCostResult {
  entries: BundleSize[]
  typicalImport: BundleSize
  baselines: { reactTracking: BundleSize; analyticsNext: BundleSize }
  /** Minified bytes per source file of the main entry: what costs what (unsplit, lazy code included). */
  mainBreakdown: { input: string; bytes: number }[]
  /** The same for what the main entry's initial bundle carries (code-split, lazy chunks left out). */
  mainInitialBreakdown: { input: string; bytes: number }[]
  skipped: string[]
}

/** The React entry's named imports of a typical app: provider + 3 hooks + HOC. */
export const TYPICAL_IMPORT = [
  'CopilotAnalyticsProvider',
  'useTrackMessage',
  'useFeedback',
  'useConversation',
  'withComponentTracking',
]

interface Package {
  name: string
  exports: Record<string, unknown>
  peerDependencies?: Record<string, string>
}

const importTarget = (target: unknown): string | undefined => {
  if (typeof target === 'string') return target
  if (!target || typeof target !== 'object') return undefined
  const conditions = target as Record<string, unknown>
  return importTarget(conditions.import ?? conditions.browser ?? conditions.node ?? conditions.default)
}

interface BundleOptions {
  external: string[]
  platform: 'browser' | 'node'
  breakdown?: boolean
}

const ENTRY_FILE = 'bundle-cost-entry.tsx'

const runBuild = (root: string, contents: string, options: BundleOptions, splitting: boolean) =>
  build({
    stdin: { contents, resolveDir: root, loader: 'tsx', sourcefile: ENTRY_FILE },
    absWorkingDir: root,
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: options.platform,
    jsx: 'automatic',
    external: options.external,
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    metafile: true,
    logLevel: 'silent',
    // splitting needs an outdir; nothing is written
    ...(splitting ? { splitting: true, outdir: join(root, '.bundle-cost') } : {}),
  })

const gzipSize = (code: Uint8Array) => gzipSync(code, { level: 9 }).length

const bundle = async (root: string, name: string, contents: string, options: BundleOptions): Promise<BundleSize> => {
  const [unsplit, split] = await Promise.all([
    runBuild(root, contents, options, false),
    runBuild(root, contents, options, true),
  ])
  const code = unsplit.outputFiles[0]?.contents ?? new Uint8Array()
  const { initial, lazyChunks, initialOutputs } = splitSizes(root, split.metafile, split.outputFiles)
  const size: BundleSize = { name, minified: code.length, gzip: gzipSize(code), initial, lazyChunks }
  if (options.breakdown) {
    size.breakdown = breakdownOf(unsplit.metafile)
    size.initialBreakdown = breakdownOf(split.metafile, initialOutputs)
  }
  return size
}

/** Sorts the outputs of a code-split build into the initial ones (entry + static imports) and the lazy ones. */
const splitSizes = (root: string, metafile: Metafile, files: OutputFile[]) => {
  const outputs = metafile.outputs
  const entry = Object.keys(outputs).find((key) => outputs[key]?.entryPoint === ENTRY_FILE)
  if (!entry) throw new Error(`bundleCost: no output for ${ENTRY_FILE} in ${Object.keys(outputs).join(', ')}`)
  const initialOutputs = new Set([entry])
  for (const output of initialOutputs) {
    for (const { path, kind, external } of outputs[output]?.imports ?? []) {
      if (kind === 'import-statement' && !external) initialOutputs.add(path)
    }
  }
  const key = (file: OutputFile) => relative(root, file.path)
  const chunkOf = (file: OutputFile): ChunkSize => {
    const output = key(file)
    const entryPoint = outputs[output]?.entryPoint
    return {
      name: output === entry ? 'entry' : basename(file.path),
      ...(entryPoint && output !== entry ? { entryPoint } : {}),
      minified: file.contents.length,
      gzip: gzipSize(file.contents),
    }
  }
  const js = files.filter((file) => file.path.endsWith('.js'))
  const isInitial = (file: OutputFile) => initialOutputs.has(key(file))
  const chunks = js
    .filter(isInitial)
    .sort((a, b) => Number(key(b) === entry) - Number(key(a) === entry))
    .map(chunkOf)
  const lazyChunks = js
    .filter((file) => !isInitial(file))
    .map(chunkOf)
    .sort((a, b) => b.gzip - a.gzip)
  const sum = (field: 'minified' | 'gzip') => chunks.reduce((total, chunk) => total + chunk[field], 0)
  return { initial: { minified: sum('minified'), gzip: sum('gzip'), chunks }, lazyChunks, initialOutputs }
}

const breakdownOf = (metafile: Metafile, only?: Set<string>) =>
  Object.entries(metafile.outputs)
    .filter(([output]) => !only || only.has(output))
    .flatMap(([, output]) => Object.entries(output.inputs))
    .map(([input, { bytesInOutput }]) => ({ input, bytes: bytesInOutput }))
    .filter(({ bytes }) => bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)

/** Entries that run in Node, never in a page (`./storybook` is the preset): measured with Node's built-ins external. */
const SERVER_SIDE = new Set(['./collector', './server', './storybook', './storybook/preset'])

/** Measures every entry in package.json `exports` that is built; skips (and names) the rest. */
export async function bundleCost(root: string): Promise<BundleCostResult> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Package
  const peers = Object.keys(pkg.peerDependencies ?? {})
  const skipped: string[] = []
  const entries: BundleSize[] = []
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (subpath === './package.json') continue
    const specifier = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`
    const file = importTarget(target)
    if (!file || !existsSync(join(root, file))) {
      skipped.push(`${specifier}: ${file ?? 'no import target'} is not built`)
      continue
    }
    const nodeOnly = typeof target === 'object' && target !== null && !('import' in target) && 'node' in target
    const platform = nodeOnly || SERVER_SIDE.has(subpath) ? 'node' : 'browser'
    const external = platform === 'node' ? [...peers, ...builtinModules, 'node:*', '@duckdb/*'] : peers
    entries.push(await bundle(root, specifier, `export * from '${specifier}'`, { external, platform }))
  }
  const typicalImport = await bundle(
    root,
    `${pkg.name}: ${TYPICAL_IMPORT.join(', ')}`,
    `export { ${TYPICAL_IMPORT.join(', ')} } from '${pkg.name}'`,
    { external: peers, platform: 'browser' },
  )
  const main = await bundle(root, 'src/index.ts', `export * from './src/index.ts'`, {
    external: peers,
    platform: 'browser',
    breakdown: true,
  })
  const reactTracking = await bundle(root, 'react-tracking', `export { default, useTracking } from 'react-tracking'`, {
    external: ['react', 'react-dom'],
    platform: 'browser',
  })
  // what an app pays to load analytics-next from npm and send a track call, with no kit around it
  const analyticsNext = await bundle(
    root,
    '@segment/analytics-next (AnalyticsBrowser)',
    `import { AnalyticsBrowser } from '@segment/analytics-next'
     export const analytics = AnalyticsBrowser.load({ writeKey: 'key' })
     export const track = (event, properties) => analytics.track(event, properties)`,
    { external: [], platform: 'browser' },
  )
  return {
    entries,
    typicalImport,
    baselines: { reactTracking, analyticsNext },
    mainBreakdown: main.breakdown ?? [],
    mainInitialBreakdown: main.initialBreakdown ?? [],
    skipped,
  }
}
