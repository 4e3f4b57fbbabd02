/** $1,234.56 */
export const usd = (value: number) =>
  value.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2 })

/** +2.4% / −1.3% */
export const change = (delta: number) => `${delta >= 0 ? '+' : '−'}${Math.abs(delta).toFixed(1)}%`
