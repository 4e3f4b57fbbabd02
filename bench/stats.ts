/** The median of some samples (the mean of the middle two for an even count). */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return Number.NaN
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/** Rounds to `digits` significant digits, for tables and JSON that stay readable. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value
  return Number(value.toPrecision(digits))
}

/**
 * Runs every variant `rounds` times, interleaved (A B C A B C ...) so drift in the machine hits all of them alike,
 * after `warmup` unmeasured rounds. Each call returns its measures (e.g. `{ ms }`); the result is the median of each
 * measure per variant.
 */
export async function interleaved<K extends string, M extends string>(
  variants: Record<K, () => Promise<Record<M, number>> | Record<M, number>>,
  options: { rounds: number; warmup: number },
): Promise<Record<K, Record<M, number>>> {
  const names = Object.keys(variants) as K[]
  const samples = new Map<K, Map<M, number[]>>(names.map((name) => [name, new Map()]))
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    for (const name of names) {
      const measures = await variants[name]()
      if (round < options.warmup) continue
      const byMeasure = samples.get(name)
      for (const [measure, value] of Object.entries(measures) as [M, number][]) {
        byMeasure?.set(measure, [...(byMeasure.get(measure) ?? []), value])
      }
    }
  }
  return Object.fromEntries(
    names.map((name) => [
      name,
      Object.fromEntries([...(samples.get(name) ?? new Map<M, number[]>())].map(([m, values]) => [m, median(values)])),
    ]),
  ) as Record<K, Record<M, number>>
}
