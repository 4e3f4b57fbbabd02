import { tool } from 'ai'
import { z } from 'zod'
import { findStock, type Stock, SYMBOLS, sessionDates, trendingStocks } from './stocks'

const symbolSchema = z.string().describe(`A stock ticker, one of ${SYMBOLS.join(', ')}`)

/** A stock as a component shows it: with the date of each session of its price history. */
export interface DatedStock extends Stock {
  /** YYYY-MM-DD of each `history` entry. */
  dates: string[]
}

const dated = (stock: Stock): DatedStock => ({ ...stock, dates: sessionDates(stock.history.length) })

function stockOrError(symbol: string): DatedStock {
  const stock = findStock(symbol)
  if (!stock) throw new Error(`Unknown stock ${symbol}; known: ${SYMBOLS.join(', ')}`)
  return dated(stock)
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
      stocks: symbols && symbols.length > 0 ? symbols.map(stockOrError) : trendingStocks().map(dated),
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
