import { tool } from 'ai'
import { z } from 'zod'
import { findStock, type Stock, SYMBOLS, trendingStocks } from './stocks'

const symbolSchema = z.string().describe(`A stock ticker, one of ${SYMBOLS.join(', ')}`)

function stockOrError(symbol: string): Stock {
  const stock = findStock(symbol)
  if (!stock) throw new Error(`Unknown stock ${symbol}; known: ${SYMBOLS.join(', ')}`)
  return stock
}

/**
 * The copilot's tools. Each returns the data of one generated component in the chat UI:
 * showStockPrice → the price chart, showStocks → the stock list, showStockPurchase → the purchase form.
 */
export const stockTools = {
  showStockPrice: tool({
    description: 'Show the price and recent price chart of one stock.',
    inputSchema: z.object({ symbol: symbolSchema }),
    execute: async ({ symbol }) => stockOrError(symbol),
  }),
  showStocks: tool({
    description: 'Show a list of several stocks (trending ones when no symbols are given).',
    inputSchema: z.object({ symbols: z.array(symbolSchema).optional() }),
    execute: async ({ symbols }) => ({
      stocks: symbols && symbols.length > 0 ? symbols.map(stockOrError) : trendingStocks(),
    }),
  }),
  showStockPurchase: tool({
    description: 'Show a purchase form for a number of shares of a stock; the user confirms it in the UI.',
    inputSchema: z.object({ symbol: symbolSchema, numberOfShares: z.number().int().positive() }),
    execute: async ({ symbol, numberOfShares }) => {
      const stock = stockOrError(symbol)
      return { symbol: stock.symbol, name: stock.name, price: stock.price, numberOfShares }
    },
  }),
}

/** The tool set type, shared with the client for typed tool parts. */
export type StockTools = typeof stockTools
