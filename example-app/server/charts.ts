import { escapeHtml } from './html'

/** One bar of a chart. */
export interface Bar {
  label: string
  value: number
  /** Text shown at the end of the bar; the value by default. */
  text?: string
  colour?: string
}

const BRAND = '#4f46e5'

const pct = (value: number) => `${Math.max(0, Math.min(100, value)).toFixed(1)}%`

/**
 * A vertical bar chart in HTML and CSS, every bar labelled with its value (readable without hovering, and at
 * the page's text size on a phone: it reflows instead of scaling down like an SVG would).
 */
export function columnChart(title: string, bars: Bar[], options: { xLabel?: string } = {}): string {
  const max = Math.max(1, ...bars.map((b) => b.value))
  const items = bars
    .map(
      (bar) => `<li><span class="chart-value">${escapeHtml(bar.text ?? bar.value)}</span>
<span class="chart-bar" style="height:${pct((100 * bar.value) / max)};background:${bar.colour ?? BRAND}"></span>
<span class="chart-label">${escapeHtml(bar.label)}</span></li>`,
    )
    .join('')
  const caption = options.xLabel ? `<p class="chart-axis">${escapeHtml(options.xLabel)}</p>` : ''
  return `<div class="chart"><ul class="columns" aria-label="${escapeHtml(title)}">${items}</ul>${caption}</div>`
}

/** A horizontal bar chart in HTML and CSS: long labels (component names, funnel steps) stay readable. */
export function barChart(title: string, bars: Bar[], options: { min?: number; max?: number } = {}): string {
  const min = options.min ?? 0
  const max = options.max ?? Math.max(1, ...bars.map((b) => b.value))
  const span = max - min || 1
  const at = (value: number) => (100 * (value - min)) / span
  const zero = at(0)
  const items = bars
    .map((bar) => {
      const end = at(bar.value)
      const left = Math.min(zero, end)
      // at least a sliver, so a zero still shows where the bar would be
      const width = Math.max(0.8, Math.abs(end - zero))
      return `<li><span class="chart-label">${escapeHtml(bar.label)}</span>
<span class="chart-track"><span class="chart-bar" style="left:${pct(left)};width:${pct(width)};background:${bar.colour ?? BRAND}"></span></span>
<span class="chart-value">${escapeHtml(bar.text ?? bar.value)}</span></li>`
    })
    .join('')
  const zeroLine = min < 0 ? ` style="--zero:${pct(zero)}"` : ''
  return `<ul class="bars${min < 0 ? ' signed' : ''}" aria-label="${escapeHtml(title)}"${zeroLine}>${items}</ul>`
}
