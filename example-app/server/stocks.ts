/** A stock as the copilot knows it: a bundled snapshot, so the app works offline and answers the same every time. */
export interface Stock {
  symbol: string
  name: string
  price: number
  /** Change over the day, in percent. */
  delta: number
  /** Closing prices of the last 12 sessions, oldest first (the chart's line). */
  history: number[]
}

/**
 * The dates (YYYY-MM-DD, UTC) of the last `count` weekday sessions up to `today`, oldest first: the x axis of
 * a price history.
 */
export function sessionDates(count: number, today: Date = new Date()): string[] {
  const dates: string[] = []
  const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()))
  while (dates.length < count) {
    const weekday = day.getUTCDay()
    if (weekday !== 0 && weekday !== 6) dates.unshift(day.toISOString().slice(0, 10))
    day.setUTCDate(day.getUTCDate() - 1)
  }
  return dates
}

/** Builds a deterministic, plausible price history ending at `price` (no randomness: same chart every run). */
function history(price: number, seed: number): number[] {
  const points: number[] = []
  for (let i = 11; i >= 0; i -= 1) {
    const wave = Math.sin((i + seed) * 1.3) * 0.035 + Math.cos((i * seed) / 3) * 0.02
    points.push(Math.round(price * (1 - i * 0.006 + wave) * 100) / 100)
  }
  points[points.length - 1] = price
  return points
}

const snapshot: Array<Omit<Stock, 'history'>> = [
  { symbol: 'NVDA', name: 'NVIDIA Corporation', price: 181.42, delta: 2.4 },
  { symbol: 'AAPL', name: 'Apple Inc.', price: 231.1, delta: 0.6 },
  { symbol: 'MSFT', name: 'Microsoft Corporation', price: 428.35, delta: -0.4 },
  { symbol: 'GOOGL', name: 'Alphabet Inc.', price: 176.8, delta: 1.1 },
  { symbol: 'AMZN', name: 'Amazon.com, Inc.', price: 198.12, delta: -1.3 },
  { symbol: 'TSLA', name: 'Tesla, Inc.', price: 242.9, delta: 3.8 },
  { symbol: 'META', name: 'Meta Platforms, Inc.', price: 561.27, delta: 0.9 },
  { symbol: 'AMD', name: 'Advanced Micro Devices, Inc.', price: 164.08, delta: 5.2 },
]

/** The bundled stocks, by symbol. */
export const STOCKS: ReadonlyMap<string, Stock> = new Map(
  snapshot.map((stock, index) => [stock.symbol, { ...stock, history: history(stock.price, index + 2) }]),
)

/** The symbols the copilot recognises, for prompts and validation. */
export const SYMBOLS: readonly string[] = [...STOCKS.keys()]

/** The stock with this symbol (case-insensitive), or undefined. */
export function findStock(symbol: string): Stock | undefined {
  return STOCKS.get(symbol.trim().toUpperCase())
}

/** Company names that people type instead of tickers. */
const NAMES: Record<string, string> = {
  nvidia: 'NVDA',
  apple: 'AAPL',
  microsoft: 'MSFT',
  google: 'GOOGL',
  alphabet: 'GOOGL',
  amazon: 'AMZN',
  tesla: 'TSLA',
  meta: 'META',
  facebook: 'META',
  amd: 'AMD',
}

/** The first stock mentioned in a text, by ticker or company name. */
export function mentionedSymbol(text: string): string | undefined {
  for (const word of text.split(/[^A-Za-z]+/)) {
    if (word === '') continue
    const upper = word.toUpperCase()
    if (STOCKS.has(upper)) return upper
    const byName = NAMES[word.toLowerCase()]
    if (byName) return byName
  }
  return undefined
}

/** The stocks trending today: the biggest movers first. */
export function trendingStocks(count = 4): Stock[] {
  return [...STOCKS.values()].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)).slice(0, count)
}
