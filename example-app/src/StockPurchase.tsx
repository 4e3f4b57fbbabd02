import { copilotHeaders, useComponentTracking, useCopilotAnalytics } from 'copilot-analytics'
import { useId, useState } from 'react'
import { usd } from './format'

interface PurchaseProps {
  purchase: { symbol: string; name: string; price: number; numberOfShares: number }
  messageId: string
  toolCallId: string
}

const doneKey = (toolCallId: string) => `stocks-copilot:purchased:${toolCallId}`

/**
 * The model-generated purchase form (Component Loaded "Stock Purchase"). The server confirms the purchase and sends
 * Stock Purchased itself (`copilot-analytics/server`), as this visitor and conversation (`copilotHeaders`).
 */
export function StockPurchase({ purchase, messageId, toolCallId }: PurchaseProps) {
  useComponentTracking('Stock Purchase', { messageId, properties: { symbol: purchase.symbol } })
  const client = useCopilotAnalytics()
  const sharesId = useId()
  const [shares, setShares] = useState(purchase.numberOfShares)
  const [done, setDone] = useState(() => localStorage.getItem(doneKey(toolCallId)))
  const total = Math.round(shares * purchase.price * 100) / 100

  const [failed, setFailed] = useState(false)

  const buy = async () => {
    if (!(shares > 0)) return
    client.actionInvoked({
      type: 'Stock Purchase',
      action: `buy ${shares} ${purchase.symbol}`,
      messageId,
      role: 'customer',
    })
    const response = await fetch('/api/purchase', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...copilotHeaders(client) },
      body: JSON.stringify({ symbol: purchase.symbol, numberOfShares: shares, messageId }),
    }).catch(() => undefined)
    if (!response?.ok) return setFailed(true)
    const confirmed = (await response.json()) as { total: number }
    const summary = `Purchased ${shares} ${purchase.symbol} for ${usd(confirmed.total)}`
    localStorage.setItem(doneKey(toolCallId), summary)
    setDone(summary)
  }

  return (
    <form
      className="card purchase"
      aria-label={`Buy ${purchase.symbol}`}
      onSubmit={(event) => {
        event.preventDefault()
        void buy()
      }}
    >
      <div className="purchase-head">
        <span className="symbol">{purchase.symbol}</span> <span className="muted">{purchase.name}</span>
        <span className="price">{usd(purchase.price)}</span>
      </div>
      {done ? (
        <p className="purchased" role="status">
          ✓ {done}
        </p>
      ) : (
        <>
          <label htmlFor={sharesId}>Shares</label>
          <input
            id={sharesId}
            type="number"
            min={1}
            step={1}
            value={shares}
            onChange={(event) => setShares(Math.max(0, Math.floor(Number(event.target.value))))}
          />
          <p className="total">
            Total <strong>{usd(total)}</strong>
          </p>
          <button type="submit" className="primary" disabled={!(shares > 0)}>
            Purchase
          </button>
          {failed ? <p role="alert">The purchase did not go through; try again.</p> : null}
        </>
      )}
    </form>
  )
}
