import { useComponentTracking } from 'copilot-analytics'
import { change, usd } from './format'
import type { StockData } from './types'

/** The model-generated list of several stocks (Component Loaded "Stock List"); a click asks for that stock. */
export function StockList({
  stocks,
  messageId,
  onAsk,
}: {
  stocks: StockData[]
  messageId: string
  onAsk(text: string): void
}) {
  useComponentTracking('Stock List', { messageId, properties: { symbols: stocks.map((s) => s.symbol).join(',') } })
  return (
    <ul className="card stock-list" aria-label="Stocks">
      {stocks.map((stock) => (
        <li key={stock.symbol}>
          <button type="button" onClick={() => onAsk(`What's the price of ${stock.symbol}?`)}>
            <span className="symbol">{stock.symbol}</span>
            <span className="muted name">{stock.name}</span>
            <span className="price">{usd(stock.price)}</span>
            <span className={stock.delta >= 0 ? 'up' : 'down'}>{change(stock.delta)}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
