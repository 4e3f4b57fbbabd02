// `npm run bench`: every figure measured in one run, side by side with its baseline. Writes bench/results.json
// and prints a Markdown table (the README's benchmark section is pasted from it). `--quick` runs fewer rounds.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { type BundleCostResult, type BundleSize, bundleCost } from './bundleCost'
import { type ChromiumPerEvent, perEventInChromium } from './chromium'
import { collectorTable } from './collectorTable'
import { installDom } from './dom'
import { runFuzz } from './fuzz'
import type { PerEventResult } from './perEvent'
import { type ProfilesResult, profiles } from './profiles'
import type { RenderCostResult } from './renderCost'
import { startBenchServer } from './server'
import { round } from './stats'
import type { ThroughputResult } from './throughput'

const root = join(import.meta.dirname, '..')
const quick = process.argv.includes('--quick')
const sizes = quick
  ? { batch: 100, rounds: 5, warmup: 2, memoryEvents: 2_000, collectorEvents: 100, chatRounds: 5 }
  : { batch: 200, rounds: 25, warmup: 5, memoryEvents: 10_000, collectorEvents: 300, chatRounds: 40 }

const log = (message: string) => process.stderr.write(`bench: ${message}\n`)

log('bundle cost (esbuild, min+gzip, peers external)')
const bundle = await bundleCost(root)

log('profile traits on read (collector, DuckDB)')
const profileRead = await profiles({ events: quick ? 100_000 : 1_000_000, rounds: quick ? 5 : 15 })

log('per-event overhead in Chromium')
const chromium = await perEventInChromium(root, sizes)

// from here on the process is a jsdom page: React and the kit are imported after the DOM exists
await installDom()

log('per-event overhead in jsdom')
const { perEvent } = await import('./perEvent')
const server = await startBenchServer()
let jsdom: PerEventResult
try {
  jsdom = await perEvent({ apiHost: server.apiHost, ...sizes, drain: (count) => server.waitForTracks(count) })
} finally {
  await server.close()
}

log('render cost (React Profiler, development build)')
const { renderCost } = await import('./renderCost')
const render = await renderCost({ messages: 1_000, chatMessages: 200, rounds: sizes.chatRounds })

log('throughput')
const { throughput } = await import('./throughput')
const flow = await throughput(root, { ...sizes, rounds: quick ? 2 : 5 })

log('collector under load (ingest from another process, queries at 100k and 1M events)')
const { collectorBench } = await import('./collector')
const collectorLoad = await collectorBench(quick)
log('hostile-input fuzz of the public surface (npm run fuzz)')
const fuzz = runFuzz(root, { runs: quick ? 1_000 : 10_000 })
log(`fuzz: ${JSON.stringify(fuzz)}`)

/** The commit measured (uncommitted changes in the tree are noted), for comparing runs. */
const commit = (() => {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8' }).trim()
    return dirty ? `${head} + uncommitted changes in src` : head
  } catch {
    return 'unknown'
  }
})()

const results = {
  date: new Date().toISOString(),
  commit,
  quick,
  machine: { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: cpus().length },
  bundle,
  perEvent: { chromium, jsdom },
  render,
  throughput: flow,
  profiles: profileRead,
  collector: collectorLoad,
  fuzz,
}
writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`)
process.stdout.write(`${table(bundle, chromium, jsdom, render, flow, profileRead)}\n${collectorTable(collectorLoad)}\n`)
// analytics-next keeps timers (retries, metrics) that would hold the process open
process.exit(0)

function table(
  bundle: BundleCostResult,
  chromium: ChromiumPerEvent,
  jsdom: PerEventResult,
  render: RenderCostResult,
  flow: ThroughputResult,
  profileRead: ProfilesResult,
): string {
  const kb = (bytes: number) => `${round(bytes / 1024, 3)} KB`
  const ms = (value: number) => `${round(value, 3)} ms`
  const ratio = (value: number, base: number) => `${round(value / base, 3)}×`
  const rows: string[][] = [['Measure', 'copilot-analytics', 'Baseline', 'Ratio']]
  const main = bundle.entries.find((entry) => !entry.name.includes('/'))
  // unsplit (lazy code inlined), then code-split: the initial bundle and each lazy chunk, every file gzipped alone
  const bundleRows = (label: string, size: BundleSize) => {
    rows.push([`Bundle: ${label} (min+gzip, unsplit: with lazy chunks)`, kb(size.gzip), '', ''])
    rows.push([`Bundle: ${label} initial (code-split: entry + its static chunks)`, kb(size.initial.gzip), '', ''])
    if (size.lazyChunks.length === 0) return
    // named by their module, without the build's hashes; chunks of shared code summed as "shared"
    const byName = new Map<string, number>()
    for (const chunk of size.lazyChunks) {
      const name = chunk.name.replace(/\.js$/, '').replace(/(-[\w]{8})+$/, '')
      const key = name === 'chunk' ? 'shared' : name
      byName.set(key, (byName.get(key) ?? 0) + chunk.gzip)
    }
    const lazy = [...byName].map(([name, gzip]) => `${name} ${kb(gzip)}`).join(', ')
    const total = size.lazyChunks.reduce((sum, chunk) => sum + chunk.gzip, 0)
    rows.push([`Bundle: ${label} lazy chunks, loaded on demand (${lazy})`, kb(total), '', ''])
  }
  for (const entry of bundle.entries) bundleRows(`\`${entry.name}\``, entry)
  bundleRows('typical app import (provider + 3 hooks + HOC)', bundle.typicalImport)
  if (main) {
    const { reactTracking, analyticsNext } = bundle.baselines
    rows.push([
      'Bundle: main entry vs react-tracking',
      kb(main.gzip),
      kb(reactTracking.gzip),
      ratio(main.gzip, reactTracking.gzip),
    ])
    rows.push([
      'Bundle: main entry vs analytics-next itself (AnalyticsBrowser)',
      kb(main.gzip),
      kb(analyticsNext.gzip),
      ratio(main.gzip, analyticsNext.gzip),
    ])
    // what an app's first bundle pays: a typical import against the baselines' own first bundles
    const typical = bundle.typicalImport.initial.gzip
    rows.push([
      'Bundle: typical app import vs react-tracking, initial bundles (code-split)',
      kb(typical),
      kb(reactTracking.initial.gzip),
      ratio(typical, reactTracking.initial.gzip),
    ])
    rows.push([
      'Bundle: typical app import vs analytics-next itself, initial bundles (code-split)',
      kb(typical),
      kb(analyticsNext.initial.gzip),
      ratio(typical, analyticsNext.initial.gzip),
    ])
  }
  for (const skipped of bundle.skipped) rows.push([`Bundle: skipped ${skipped}`, '', '', ''])
  const perEventRows = (label: string, result: PerEventResult) => {
    rows.push([
      `Per event (${label}): messageSent vs analytics.track, main-thread hand-over`,
      ms(result.kit.handOverMs),
      ms(result.direct.handOverMs),
      ratio(result.kit.handOverMs, result.direct.handOverMs),
    ])
    rows.push([
      `Per event (${label}): the same until analytics-next processed it`,
      ms(result.kit.processedMs),
      ms(result.direct.processedMs),
      ratio(result.kit.processedMs, result.direct.processedMs),
    ])
    rows.push([
      `Per event (${label}): hand-over with spec validation on (dev default)`,
      ms(result.kitValidate.handOverMs),
      ms(result.direct.handOverMs),
      ratio(result.kitValidate.handOverMs, result.direct.handOverMs),
    ])
    rows.push([
      `Per event (${label}): 100 KB body, redacted + truncated to 32 KB, vs short body`,
      ms(result.body100kRedactMs),
      ms(result.shortBodyMs),
      ratio(result.body100kRedactMs, result.shortBodyMs),
    ])
    rows.push([
      `Per event (${label}): 100 KB body, truncated only, vs short body`,
      ms(result.body100kTruncateMs),
      ms(result.shortBodyMs),
      ratio(result.body100kTruncateMs, result.shortBodyMs),
    ])
  }
  if ('skipped' in chromium) rows.push(['Per event (Chromium): skipped', chromium.skipped, '', ''])
  else perEventRows(chromium.browser, chromium)
  perEventRows('jsdom', jsdom)
  rows.push([
    `Render: commits while tracking ${render.messages} messages (tracking-only tree)`,
    `${render.commitsWhileTracking} commits, ${render.rendersWhileTracking} renders (${render.eventsTracked} events)`,
    'target 0',
    '',
  ])
  rows.push([
    `Render: mount of a ${render.chatMessages}-message chat (Profiler actualDuration)`,
    ms(render.chatMountMs.instrumented),
    ms(render.chatMountMs.plain),
    ratio(render.chatMountMs.instrumented, render.chatMountMs.plain),
  ])
  rows.push([
    `Render: mount of a ${render.chatMessages}-message chat (wall, effects included)`,
    ms(render.chatMountWallMs.instrumented),
    ms(render.chatMountWallMs.plain),
    ratio(render.chatMountWallMs.instrumented, render.chatMountWallMs.plain),
  ])
  const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')} events/s`
  rows.push(['Throughput: pipeline → memory destination (jsdom)', perSecond(flow.memory.eventsPerSecond), '', ''])
  if ('skipped' in flow.collector)
    rows.push(['Throughput: end to end → collector', `skipped: ${flow.collector.skipped}`, '', ''])
  else {
    rows.push([
      'Throughput: kit → analytics-next → collector, stored (jsdom)',
      perSecond(flow.collector.eventsPerSecond),
      '',
      '',
    ])
  }
  rows.push([
    `Profile API: one profile's traits with ${profileRead.events.toLocaleString('en-US')} events stored, vs a full scan`,
    ms(profileRead.profileTraitsMs),
    ms(profileRead.fullScanMs),
    ratio(profileRead.profileTraitsMs, profileRead.fullScanMs),
  ])
  const [header, ...body] = rows
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header ?? []), line(['---', '---:', '---:', '---:']), ...body.map(line)].join('\n')
}
