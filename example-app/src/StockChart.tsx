import { useComponentTracking } from 'copilot-analytics'
import { change, usd } from './format'
import type { StockData } from './types'

/** The model-generated price chart (Component Loaded "Stock Price Chart"). */
export function StockChart({ stock, messageId }: { stock: StockData; messageId: string }) {
  useComponentTracking('Stock Price Chart', { messageId, properties: { symbol: stock.symbol } })
  const width = 360
  const height = 120
  const min = Math.min(...stock.history)
  const max = Math.max(...stock.history)
  const span = max - min || 1
  const points = stock.history.map((price, i) => {
    const x = (i / Math.max(1, stock.history.length - 1)) * (width - 8) + 4
    const y = height - 8 - ((price - min) / span) * (height - 16)
    return `${x.toFixed(1)},${y.toFixed(1)}`
  })
  const up = stock.delta >= 0
  return (
    <figure className="card stock-chart" aria-label={`${stock.symbol} price chart`}>
      <figcaption>
        <span className="symbol">{stock.symbol}</span> <span className="muted">{stock.name}</span>
        <span className="price">{usd(stock.price)}</span>
        <span className={up ? 'up' : 'down'}>{change(stock.delta)}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-label={`Price over the last ${stock.history.length} sessions`}
      >
        <polyline
          points={`4,${height - 4} ${points.join(' ')} ${width - 4},${height - 4}`}
          className={up ? 'area up' : 'area down'}
        />
        <polyline points={points.join(' ')} fill="none" className={up ? 'line up' : 'line down'} />
      </svg>
      <p className="muted small">Last {stock.history.length} sessions · demo data</p>
    </figure>
  )
}
