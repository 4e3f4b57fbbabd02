import { useComponentTracking, useTrackAction } from 'copilot-analytics'
import { type ReactNode, useState } from 'react'
import { formatPrice, priceSeries, stockOf } from '../support/stocks'

/** Props of {@link StockPriceChart}. */
export interface StockPriceChartProps {
  symbol: string
  /** The model's message this component was generated for. */
  messageId?: string
}

const RANGES = { '1D': 24, '1W': 35, '1M': 30, '1Y': 52 } as const
type Range = keyof typeof RANGES

/**
 * A model-generated stock price chart (the stocks copilot's "show me NVDA"): Component Loaded when shown,
 * Action Invoked when the user picks another range.
 */
export function StockPriceChart({ symbol, messageId }: StockPriceChartProps): ReactNode {
  useComponentTracking('Stock Price Chart', { messageId, properties: { symbol } })
  const trackAction = useTrackAction()
  const [range, setRange] = useState<Range>('1D')
  const stock = stockOf(symbol)
  const series = priceSeries(stock, RANGES[range])
  const low = Math.min(...series)
  const high = Math.max(...series)
  const points = series
    .map((value, index) => {
      const x = (index / (series.length - 1)) * 300
      const y = 90 - ((value - low) / (high - low || 1)) * 80
      return `${x.toFixed(1)},${y.toFixed(1)}`
    })
    .join(' ')

  const pick = (next: Range) => {
    setRange(next)
    trackAction({
      type: 'Stock Price Chart',
      action: `show ${next} of ${symbol}`,
      ...(messageId === undefined ? {} : { messageId }),
    })
  }

  return (
    <figure className="card stock-chart" aria-label={`${symbol} price chart`} style={{ margin: 0 }}>
      <figcaption className="ca-row" style={{ justifyContent: 'space-between' }}>
        <strong>
          {stock.name} ({symbol})
        </strong>
        <span className={stock.change >= 0 ? 'up' : 'down'}>
          {formatPrice(stock.price)} {stock.change >= 0 ? '▲' : '▼'} {Math.abs(stock.change).toFixed(2)}%
        </span>
      </figcaption>
      <svg viewBox="0 0 300 100" width="100%" height="120" role="img" aria-label={`${range} prices of ${symbol}`}>
        <polyline points={points} fill="none" stroke={stock.change >= 0 ? '#1a7f37' : '#cf222e'} strokeWidth="2" />
      </svg>
      <fieldset className="ca-row ca-fieldset">
        <legend className="muted">Range</legend>
        {(Object.keys(RANGES) as Range[]).map((option) => (
          <button key={option} type="button" aria-pressed={option === range} onClick={() => pick(option)}>
            {option}
          </button>
        ))}
      </fieldset>
    </figure>
  )
}
