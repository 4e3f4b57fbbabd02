// Bundle cost: each public entry and a typical app's import, minified and gzipped the way size-limit measures
// (esbuild, peers external, gzip level 9), beside the same measure of react-tracking and of analytics-next itself.
import { existsSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Metafile } from 'esbuild'

/** One measured bundle. */
export interface BundleSize {
  name: string
  /** Minified bytes. */
  minified: number
  /** Minified and gzipped bytes (level 9). */
  gzip: number
  /** Bytes of minified output per input file, largest first (only where asked for). */
  breakdown?: { input: string; bytes: number }[]
}

/** What bundleCost measured, and the entries it could not. */
export interface BundleCostResult {
  entries: BundleSize[]
  typicalImport: BundleSize
  baselines: { reactTracking: BundleSize; analyticsNext: BundleSize }
  /** Minified bytes per source file of the main entry: what costs what. */
  mainBreakdown: { input: string; bytes: number }[]
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

const bundle = async (
  root: string,
  name: string,
  contents: string,
  options: { external: string[]; platform: 'browser' | 'node'; breakdown?: boolean },
): Promise<BundleSize> => {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'tsx', sourcefile: `${name}.tsx` },
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
  })
  const code = result.outputFiles[0]?.contents ?? new Uint8Array()
  const size: BundleSize = { name, minified: code.length, gzip: gzipSync(code, { level: 9 }).length }
  if (options.breakdown) size.breakdown = breakdownOf(result.metafile)
  return size
}

const breakdownOf = (metafile: Metafile) =>
  Object.values(metafile.outputs)
    .flatMap((output) => Object.entries(output.inputs))
    .map(([input, { bytesInOutput }]) => ({ input, bytes: bytesInOutput }))
    .filter(({ bytes }) => bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)

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
    const platform = nodeOnly || subpath === './collector' ? 'node' : 'browser'
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
    skipped,
  }
}
