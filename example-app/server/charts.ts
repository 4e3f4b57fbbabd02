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

/** A vertical bar chart as inline SVG, every bar labelled with its value (readable without hovering). */
export function columnChart(title: string, bars: Bar[], options: { xLabel?: string } = {}): string {
  const width = 480
  const height = 200
  const bottom = options.xLabel ? 40 : 28
  const top = 18
  const max = Math.max(1, ...bars.map((b) => b.value))
  const slot = (width - 20) / Math.max(1, bars.length)
  const barWidth = Math.min(56, slot * 0.7)
  const body = bars
    .map((bar, index) => {
      const h = ((height - top - bottom) * bar.value) / max
      const x = 10 + slot * index + (slot - barWidth) / 2
      const y = height - bottom - h
      return `<g><rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" rx="3" fill="${bar.colour ?? BRAND}"><title>${escapeHtml(bar.label)}: ${escapeHtml(bar.text ?? bar.value)}</title></rect>
<text x="${(x + barWidth / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${escapeHtml(bar.text ?? bar.value)}</text>
<text x="${(x + barWidth / 2).toFixed(1)}" y="${height - bottom + 14}" text-anchor="middle">${escapeHtml(bar.label)}</text></g>`
    })
    .join('')
  const axis = `<line x1="6" x2="${width - 6}" y1="${height - bottom}" y2="${height - bottom}" stroke="#cbd5e1"/>`
  const xLabel = options.xLabel
    ? `<text x="${width / 2}" y="${height - 6}" text-anchor="middle" style="fill:#64748b">${escapeHtml(options.xLabel)}</text>`
    : ''
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}">${axis}${body}${xLabel}</svg>`
}

/** A horizontal bar chart as inline SVG: long labels (component names, funnel steps) stay readable. */
export function barChart(title: string, bars: Bar[], options: { min?: number; max?: number } = {}): string {
  const width = 480
  const row = 30
  const labelWidth = 150
  const height = Math.max(1, bars.length) * row + 6
  const min = options.min ?? 0
  const max = options.max ?? Math.max(1, ...bars.map((b) => b.value))
  const span = max - min || 1
  const plot = width - labelWidth - 96
  const zeroX = labelWidth + (plot * (0 - min)) / span
  const body = bars
    .map((bar, index) => {
      const y = 4 + index * row
      const end = labelWidth + (plot * (bar.value - min)) / span
      const x = Math.min(zeroX, end)
      const w = Math.max(2, Math.abs(end - zeroX))
      return `<g><text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escapeHtml(bar.label)}</text>
<rect x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${row - 10}" rx="3" fill="${bar.colour ?? BRAND}"><title>${escapeHtml(bar.label)}: ${escapeHtml(bar.text ?? bar.value)}</title></rect>
<text x="${(Math.max(zeroX, end) + 6).toFixed(1)}" y="${y + 17}">${escapeHtml(bar.text ?? bar.value)}</text></g>`
    })
    .join('')
  const zero =
    min < 0 ? `<line x1="${zeroX}" x2="${zeroX}" y1="0" y2="${height}" stroke="#94a3b8" stroke-dasharray="3 3"/>` : ''
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}">${zero}${body}</svg>`
}
