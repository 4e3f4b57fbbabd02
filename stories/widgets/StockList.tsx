import { useTrackAction, withComponentTracking } from 'copilot-analytics'
import type { ReactNode } from 'react'
import { formatPrice, type Stock } from '../support/stocks'

/** Props of {@link StockList}. */
export interface StockListProps {
  stocks: readonly Stock[]
  /** The model's message this component was generated for. */
  messageId?: string
  /** The user picked a stock to look at. */
  onSelect?: (symbol: string) => void
}

function StockListView({ stocks, messageId, onSelect }: StockListProps): ReactNode {
  const trackAction = useTrackAction()
  const select = (symbol: string) => {
    trackAction({
      type: 'Stock Price Lookup',
      action: `show ${symbol}`,
      ...(messageId === undefined ? {} : { messageId }),
    })
    onSelect?.(symbol)
  }
  return (
    <ul className="card" aria-label="Stocks" style={{ listStyle: 'none', display: 'grid', gap: 6 }}>
      {stocks.map((stock) => (
        <li key={stock.symbol}>
          <button
            type="button"
            onClick={() => select(stock.symbol)}
            style={{ width: '100%', display: 'flex', justifyContent: 'space-between' }}
          >
            <span>
              <strong>{stock.symbol}</strong> <span className="muted">{stock.name}</span>
            </span>
            <span className={stock.change >= 0 ? 'up' : 'down'}>
              {formatPrice(stock.price)} {stock.change >= 0 ? '+' : ''}
              {stock.change.toFixed(2)}%
            </span>
          </button>
        </li>
      ))}
    </ul>
  )
}

/**
 * A model-generated list of several stocks. Instrumented with the HOC: Component Loaded ("Stock List") when
 * shown, with the symbols listed; Action Invoked when the user opens one.
 */
export const StockList = withComponentTracking(StockListView, {
  type: 'Stock List',
  messageId: (props) => props.messageId,
  properties: (props) => ({ symbols: props.stocks.map((stock) => stock.symbol).join(',') }),
})
