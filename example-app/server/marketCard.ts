import { escapeHtml } from './html'
import { type Stock, trendingStocks } from './stocks'

const WIDTH = 480
const HEIGHT = 270

/** What the card shows, for its caption and alt text. */
export interface MarketCard {
  /** The image: an SVG document. */
  svg: string
  /** One line that says what the picture shows (the alt text). */
  description: string
}

const percent = (delta: number) => `${delta >= 0 ? '+' : '−'}${Math.abs(delta).toFixed(1)}%`

/**
 * The "generated" media of the scripted model: a chart card of today's biggest movers, drawn here as a small
 * self-contained SVG (no scripts, no external references), so the demo needs no image service.
 */
export function marketCard(stocks: Stock[] = trendingStocks(), today: Date = new Date()): MarketCard {
  const max = Math.max(1, ...stocks.map((s) => Math.abs(s.delta)))
  const zeroY = 190
  const slot = (WIDTH - 64) / Math.max(1, stocks.length)
  const bars = stocks
    .map((stock, index) => {
      const h = (Math.abs(stock.delta) / max) * 90
      const x = 32 + slot * index + slot * 0.2
      const w = slot * 0.6
      const up = stock.delta >= 0
      const y = up ? zeroY - h : zeroY
      const labelY = up ? y - 8 : y + h + 18
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" rx="6" fill="${up ? '#22c55e' : '#f87171'}"/>
<text x="${(x + w / 2).toFixed(1)}" y="${labelY.toFixed(1)}" text-anchor="middle" class="v">${percent(stock.delta)}</text>
<text x="${(x + w / 2).toFixed(1)}" y="${HEIGHT - 22}" text-anchor="middle" class="s">${escapeHtml(stock.symbol)}</text>`
    })
    .join('\n')
  const day = today.toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' })
  const gainers = stocks.filter((s) => s.delta >= 0).length
  const title = gainers >= stocks.length / 2 ? 'A green day on the market' : 'A mixed day on the market'
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}">
<style>text{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;fill:#e2e8f0}.t{font-size:24px;font-weight:700;fill:#fff}.d{font-size:14px;fill:#94a3b8}.v{font-size:15px;font-weight:600}.s{font-size:15px;font-weight:700;fill:#fff}</style>
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1e1b4b"/><stop offset="1" stop-color="#0f172a"/></linearGradient></defs>
<rect width="${WIDTH}" height="${HEIGHT}" rx="16" fill="url(#bg)"/>
<text x="28" y="46" class="t">${escapeHtml(title)}</text>
<text x="28" y="70" class="d">Today's biggest movers · ${escapeHtml(day)}</text>
<line x1="24" x2="${WIDTH - 24}" y1="${zeroY}" y2="${zeroY}" stroke="#475569"/>
${bars}
</svg>`
  const description = `${title}: ${stocks.map((s) => `${s.symbol} ${percent(s.delta)}`).join(', ')}`
  return { svg, description }
}
