import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ServerAnalytics } from '../../src/server'
import { readJson } from './chatHandler'
import { findStock } from './stocks'

const answer = (res: ServerResponse, status: number, body: object) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

/**
 * `POST /api/purchase` `{ symbol, numberOfShares, messageId? }`: the server confirms the purchase at its own price
 * and tracks Stock Purchased with the server entry, as the browser's visitor and conversation (`copilotHeaders`).
 */
export async function handlePurchase(req: IncomingMessage, res: ServerResponse, copilot: ServerAnalytics) {
  let input: { symbol?: unknown; numberOfShares?: unknown; messageId?: unknown }
  try {
    input = (await readJson(req, 10_000)) as typeof input
  } catch {
    return answer(res, 400, { error: 'expected a JSON body' })
  }
  const stock = typeof input?.symbol === 'string' ? findStock(input.symbol) : undefined
  const shares = input?.numberOfShares
  if (!stock || typeof shares !== 'number' || !Number.isInteger(shares) || shares < 1 || shares > 1_000_000) {
    return answer(res, 400, { error: 'expected a known symbol and a whole number of shares' })
  }
  const total = Math.round(shares * stock.price * 100) / 100
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
  copilot.forRequest(headers).track('Stock Purchased', {
    ...(typeof input.messageId === 'string' ? { messageId: input.messageId } : {}),
    symbol: stock.symbol,
    numberOfShares: shares,
    price: stock.price,
    total,
  })
  // confirmed only once it is recorded: the insights page shows it at once
  await copilot.flush()
  answer(res, 200, { symbol: stock.symbol, numberOfShares: shares, price: stock.price, total })
}
