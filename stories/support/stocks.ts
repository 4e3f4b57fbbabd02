/** A stock as the example copilot's model "returns" it. */
export interface Stock {
  readonly symbol: string
  readonly name: string
  readonly price: number
  /** Change today, in percent. */
  readonly change: number
}

/** Made-up quotes: stories must not depend on a market data API. */
export const STOCKS: readonly Stock[] = [
  { symbol: 'NVDA', name: 'NVIDIA', price: 182.4, change: 2.31 },
  { symbol: 'AAPL', name: 'Apple', price: 231.12, change: -0.42 },
  { symbol: 'MSFT', name: 'Microsoft', price: 452.87, change: 0.88 },
  { symbol: 'GOOGL', name: 'Alphabet', price: 171.05, change: -1.12 },
]

/** The quote for `symbol`, or a plain placeholder one. */
export const stockOf = (symbol: string): Stock =>
  STOCKS.find((stock) => stock.symbol === symbol) ?? { symbol, name: symbol, price: 100, change: 0 }

/** A deterministic price series ending at `stock.price`: the same chart on every run. */
export function priceSeries(stock: Stock, points: number): number[] {
  let seed = [...stock.symbol].reduce((sum, char) => sum * 31 + char.charCodeAt(0), 7) % 2147483647
  const random = () => {
    seed = (seed * 16807) % 2147483647
    return seed / 2147483647
  }
  const series = [stock.price]
  for (let index = 1; index < points; index += 1) {
    const previous = series[series.length - 1] ?? stock.price
    series.push(previous * (1 + (random() - 0.5) * 0.04))
  }
  return series.reverse().map((value) => Math.round(value * 100) / 100)
}

/** `$1,234.56`. */
export const formatPrice = (value: number): string =>
  value.toLocaleString('en-US', { style: 'currency', currency: 'USD' })
