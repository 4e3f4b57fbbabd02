// Issue 13, item 10: a seeded sweep of hostile calls over the public surface of the browser entries (core, React
// hooks, components and HOC, testing helpers, ai-sdk helpers). The 10,000-run sweep is `npm run fuzz`.
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { sweepPublicSurface } from '../fuzz/publicSurface'

const runs = Number(process.env.FUZZ_RUNS ?? 150)
const seed = Number(process.env.FUZZ_SEED ?? 13)

const rejections: unknown[] = []
const onRejection = (reason: unknown) => void rejections.push(reason)
beforeEach(() => {
  process.on('unhandledRejection', onRejection)
  process.on('uncaughtException', onRejection)
  window.addEventListener('unhandledrejection', onRejection)
  // the kit warns (development) about every hostile value; the sweep is about what escapes
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  vi.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  process.off('unhandledRejection', onRejection)
  process.off('uncaughtException', onRejection)
  window.removeEventListener('unhandledrejection', onRejection)
})

it(
  `${runs} seeded runs of hostile calls: nothing escapes, nothing rejects unhandled, no event over the limit`,
  async () => {
    const result = await sweepPublicSurface({ seed, runs })
    await new Promise((resolve) => setTimeout(resolve, 100))
    // printed so `npm run fuzz` can report the figures
    console.info(
      `FUZZ seed=${seed} runs=${runs} calls=${result.calls} delivered=${result.delivered} escaped=${result.escaped.length} oversized=${result.oversized} rejections=${rejections.length}`,
    )
    expect([...new Set(result.escaped)].slice(0, 20)).toEqual([])
    expect(rejections.map(String).slice(0, 20)).toEqual([])
    expect(result.oversized).toBe(0)
    expect(result.delivered).toBeGreaterThan(0)
  },
  Number(process.env.FUZZ_TIMEOUT ?? 120_000),
)
