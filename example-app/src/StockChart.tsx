import { useComponentTracking } from 'copilot-analytics'
import { type KeyboardEvent, type PointerEvent, useId, useState } from 'react'
import { change, usd } from './format'
import type { StockData } from './types'

const WIDTH = 360
const HEIGHT = 150
const PAD = { left: 6, right: 62, top: 12, bottom: 12 }

/** "Nov 27" for 2026-11-27 (the session's own date, whatever the viewer's time zone). */
const shortDate = (iso: string | undefined) =>
  iso
    ? new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
    : undefined

/** Three round prices spanning [min, max] for the axis. */
function ticks(min: number, max: number): number[] {
  const step = (max - min) / 2
  return [min, min + step, max]
}

/**
 * The model-generated price chart (Component Loaded "Stock Price Chart"): a price axis, the last price marked,
 * and each session's date and close on hover, touch or arrow keys (focus the chart).
 */
export function StockChart({ stock, messageId }: { stock: StockData; messageId: string }) {
  useComponentTracking('Stock Price Chart', { messageId, properties: { symbol: stock.symbol } })
  const { history } = stock
  const last = history.length - 1
  const [active, setActive] = useState(last)
  const readoutId = useId()

  const min = Math.min(...history)
  const max = Math.max(...history)
  const span = max - min || 1
  const plotWidth = WIDTH - PAD.left - PAD.right
  const x = (i: number) => PAD.left + (i / Math.max(1, last)) * plotWidth
  const y = (price: number) => PAD.top + (1 - (price - min) / span) * (HEIGHT - PAD.top - PAD.bottom)
  const points = history.map((price, i) => `${x(i).toFixed(1)},${y(price).toFixed(1)}`).join(' ')
  const up = stock.delta >= 0
  const tone = up ? 'up' : 'down'
  const dateOf = (i: number) => shortDate(stock.dates?.[i]) ?? `session ${i + 1}`
  const first = dateOf(0)
  const description = `${stock.symbol} closing prices over ${history.length} sessions from ${first} to ${dateOf(last)}: low ${usd(min)}, high ${usd(max)}, last ${usd(history[last] ?? stock.price)}.`

  const pick = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect()
    const at = ((event.clientX - box.left) / box.width) * WIDTH
    setActive(Math.min(last, Math.max(0, Math.round(((at - PAD.left) / plotWidth) * last))))
  }
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const step = { ArrowLeft: -1, ArrowRight: 1 }[event.key]
    const jump = { Home: 0, End: last }[event.key]
    if (step === undefined && jump === undefined) return
    event.preventDefault()
    setActive((i) => jump ?? Math.min(last, Math.max(0, i + (step ?? 0))))
  }
  const activePrice = history[active] ?? stock.price
  const lastY = y(history[last] ?? stock.price)

  return (
    <figure className="card stock-chart" aria-label={`${stock.symbol} price chart`}>
      <figcaption>
        <span className="symbol">{stock.symbol}</span> <span className="muted">{stock.name}</span>
        <span className="price">{usd(stock.price)}</span>
        <span className={tone}>{change(stock.delta)}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={description}
        aria-describedby={readoutId}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so the arrow keys can read each session
        tabIndex={0}
        onPointerMove={pick}
        onPointerDown={pick}
        onPointerLeave={() => setActive(last)}
        onKeyDown={onKeyDown}
      >
        {ticks(min, max).map((price) => (
          <g key={price} className="tick">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(price)} y2={y(price)} />
            {/* the last price's own label takes the axis where they would collide */}
            {Math.abs(y(price) - lastY) < 18 ? null : (
              <text x={WIDTH - PAD.right + 6} y={y(price) + 4}>
                {price.toFixed(price >= 100 ? 0 : 2)}
              </text>
            )}
          </g>
        ))}
        <polygon
          points={`${x(0)},${HEIGHT - PAD.bottom} ${points} ${x(last)},${HEIGHT - PAD.bottom}`}
          className={`area ${tone}`}
        />
        <polyline points={points} fill="none" className={`line ${tone}`} />
        {/* the last price, marked on the line and on the axis */}
        <circle cx={x(last)} cy={lastY} r="4" className={`dot ${tone}`} />
        <rect x={WIDTH - PAD.right + 2} y={lastY - 10} width={PAD.right - 4} height="20" rx="4" className={tone} />
        <text x={WIDTH - PAD.right / 2} y={lastY + 4} textAnchor="middle" className="last-label">
          {(history[last] ?? stock.price).toFixed(2)}
        </text>
        {active !== last ? (
          <g className="cursor">
            <line x1={x(active)} x2={x(active)} y1={PAD.top - 8} y2={HEIGHT - PAD.bottom} />
            <circle cx={x(active)} cy={y(activePrice)} r="4" />
          </g>
        ) : null}
      </svg>
      <p className="readout" id={readoutId} aria-live="polite">
        <span>{dateOf(active)}</span> <strong>{usd(activePrice)}</strong>
        {active === last ? <span className="muted"> · last close</span> : null}
      </p>
      <p className="muted small">
        Closing prices, {first} – {dateOf(last)} · demo data · hover, tap or use ← → for each day
      </p>
    </figure>
  )
}
