import { useComponentTracking, useTrack, useTrackAction } from 'copilot-analytics'
import { type FormEvent, type ReactNode, useState } from 'react'
import { formatPrice, stockOf } from '../support/stocks'

/** Props of {@link StockPurchase}. */
export interface StockPurchaseProps {
  symbol: string
  /** The model's message this component was generated for. */
  messageId?: string
  /** Shares proposed by the model. */
  defaultShares?: number
}

type Step = { kind: 'form' } | { kind: 'purchased'; shares: number; total: number } | { kind: 'cancelled' }

/**
 * A model-generated purchase form: Component Loaded when shown, Action Invoked when the user confirms or cancels,
 * and the business event `Stock Purchased` (a plain track call, enriched with the conversation) when the purchase goes through.
 */
export function StockPurchase({ symbol, messageId, defaultShares = 10 }: StockPurchaseProps): ReactNode {
  useComponentTracking('Stock Purchase', { messageId, properties: { symbol } })
  const trackAction = useTrackAction()
  const track = useTrack()
  const [shares, setShares] = useState(String(defaultShares))
  const [step, setStep] = useState<Step>({ kind: 'form' })
  const { price } = stockOf(symbol)
  const count = Number.parseInt(shares, 10)
  const valid = Number.isInteger(count) && count > 0
  const ids = messageId === undefined ? {} : { messageId }

  const purchase = (event: FormEvent) => {
    event.preventDefault()
    if (!valid) return
    const total = Math.round(count * price * 100) / 100
    trackAction({ type: 'Stock Purchase', action: `buy ${count} ${symbol}`, ...ids })
    track('Stock Purchased', { ...ids, symbol, numberOfShares: count, price, total })
    setStep({ kind: 'purchased', shares: count, total })
  }
  const cancel = () => {
    trackAction({ type: 'Stock Purchase', action: `cancel ${symbol}`, ...ids })
    setStep({ kind: 'cancelled' })
  }

  if (step.kind === 'purchased') {
    return (
      <p className="card" role="status">
        Purchased {step.shares} {symbol} for {formatPrice(step.total)}.
      </p>
    )
  }
  if (step.kind === 'cancelled') {
    return (
      <p className="card" role="status">
        Purchase of {symbol} cancelled.
      </p>
    )
  }
  return (
    <form className="card purchase" aria-label={`Buy ${symbol}`} onSubmit={purchase}>
      <p style={{ marginTop: 0 }}>
        Buy <strong>{symbol}</strong> at {formatPrice(price)} a share
      </p>
      <div className="ca-row">
        <label>
          Shares{' '}
          <input
            type="number"
            min={1}
            step={1}
            value={shares}
            onChange={(event) => setShares(event.target.value)}
            style={{ width: 80 }}
          />
        </label>
        <span className="muted">Total {valid ? formatPrice(count * price) : '–'}</span>
      </div>
      <div className="ca-row" style={{ marginTop: 8 }}>
        <button type="submit" disabled={!valid}>
          Purchase
        </button>
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
