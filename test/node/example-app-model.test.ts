import { generateText, streamText } from 'ai'
import { expect, it } from 'vitest'
import { createScriptedModel } from '../../example-app/server/scriptedModel'
import { stockTools } from '../../example-app/server/tools'

// The example's scripted model through the real AI SDK: deterministic answers and tool calls, no network.
const model = createScriptedModel({ chunkDelayMs: 0 })

it('answers a price question with text and the chart tool, whose result is the bundled stock', async () => {
  const result = await generateText({ model, prompt: "What's the price of NVDA?", tools: stockTools })
  expect(result.text).toContain('NVIDIA Corporation (NVDA) trades at $181.42')
  expect(result.toolCalls.map((call) => [call.toolName, call.input])).toEqual([['showStockPrice', { symbol: 'NVDA' }]])
  expect(result.toolResults[0]?.output).toMatchObject({ symbol: 'NVDA', price: 181.42 })
  const output = result.toolResults[0]?.output as { history?: number[] } | undefined
  expect(output?.history).toHaveLength(12)
})

it('turns "buy" into a purchase form for the named stock and quantity, by ticker or company name', async () => {
  const byTicker = await generateText({ model, prompt: 'buy 5 TSLA please', tools: stockTools })
  expect(byTicker.toolCalls[0]?.input).toEqual({ symbol: 'TSLA', numberOfShares: 5 })
  const byName = await generateText({ model, prompt: 'I want to purchase 3 shares of apple', tools: stockTools })
  expect(byName.toolResults[0]?.output).toEqual({ symbol: 'AAPL', name: 'Apple Inc.', price: 231.1, numberOfShares: 3 })
})

it('streams text in several chunks, then a list of trending stocks', async () => {
  const result = streamText({ model, prompt: 'Show me trending stocks', tools: stockTools })
  const chunks: string[] = []
  for await (const delta of result.textStream) chunks.push(delta)
  expect(chunks.length).toBeGreaterThan(3)
  // stocks only: no crypto in a stocks demo
  expect(chunks.join('')).toBe("These are today's biggest movers: AMD, TSLA, NVDA, AMZN.")
  expect((await result.toolCalls)[0]?.toolName).toBe('showStocks')
})

it('generates a real picture, a chart card of the movers, and explains itself otherwise', async () => {
  const card = await generateText({ model, prompt: "Draw a card of today's movers" })
  const file = card.files[0]
  expect(file?.mediaType).toBe('image/svg+xml')
  const svg = Buffer.from(file?.uint8Array ?? []).toString('utf8')
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
  for (const symbol of ['AMD', 'TSLA', 'NVDA', 'AMZN']) expect(svg).toContain(`>${symbol}</text>`)
  // an image, nothing active in it
  expect(svg).not.toMatch(/<script|href=|on\w+=/i)
  expect(card.text).toContain('AMD +5.2%')

  const help = await generateText({ model, prompt: 'hello' })
  expect(help.text).toContain("What's the price of NVDA?")
  expect(help.toolCalls).toEqual([])
})
