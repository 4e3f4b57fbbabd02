// `npm run fuzz`: the full hostile-input sweep of the public surface (issue 13): 10,000 seeded runs of the same
// property the unit suite runs 150 times (test/fuzz/publicSurface.tsx), in Vitest's jsdom project. Prints one line
// of figures; `npm run bench` runs it too and keeps them in bench/results.json.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

/** The figures of one sweep, as the test prints them. */
export interface FuzzResult {
  readonly seed: number
  readonly runs: number
  readonly calls: number
  readonly delivered: number
  readonly escaped: number
  readonly oversized: number
  readonly rejections: number
  readonly passed: boolean
}

/** Runs the sweep with `runs` seeded runs (the React part runs a tenth as many, as each renders). */
export function runFuzz(root: string, { runs = 10_000, seed = 13 } = {}): FuzzResult {
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--project',
      'unit',
      'test/unit/fuzz-public-surface.test.tsx',
    ],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed), FUZZ_TIMEOUT: String(3_600_000) },
    },
  )
  const output = `${run.stdout}\n${run.stderr}`
  const line =
    /FUZZ seed=(\d+) runs=(\d+) calls=(\d+) delivered=(\d+) escaped=(\d+) oversized=(\d+) rejections=(\d+)/.exec(output)
  if (!line) throw new Error(`the fuzz sweep printed no figures:\n${output.slice(-4000)}`)
  const [seedRun, runsRun, calls, delivered, escaped, oversized, rejections] = line.slice(1).map(Number) as number[]
  return {
    seed: seedRun as number,
    runs: runsRun as number,
    calls: calls as number,
    delivered: delivered as number,
    escaped: escaped as number,
    oversized: oversized as number,
    rejections: rejections as number,
    passed: run.status === 0,
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.argv[2] ?? 10_000)
  const result = runFuzz(join(import.meta.dirname, '..'), { runs })
  console.log(JSON.stringify(result))
  process.exitCode = result.passed ? 0 : 1
}
