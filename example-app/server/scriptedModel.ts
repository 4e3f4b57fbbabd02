import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider'
import { marketCard } from './marketCard'
import { findStock, mentionedSymbol, trendingStocks } from './stocks'

/** Options of {@link createScriptedModel}. */
export interface ScriptedModelOptions {
  /**
   * Pause between streamed chunks, so streaming is visible in the UI.
   * @default 25
   */
  chunkDelayMs?: number
}

/** What the scripted model decided to answer: some text, then at most one tool call or one generated file. */
interface Reply {
  text: string
  toolCall?: { toolName: string; input: Record<string, unknown> }
  file?: { mediaType: string; base64: string }
}

/** The text of the last user message of a prompt. */
function lastUserText(prompt: LanguageModelV4Prompt): string {
  for (let i = prompt.length - 1; i >= 0; i -= 1) {
    const message = prompt[i]
    if (message?.role !== 'user') continue
    return message.content.map((part) => (part.type === 'text' ? part.text : '')).join(' ')
  }
  return ''
}

/** Deterministic intent parsing: the same prompt always gives the same answer. */
export function scriptReply(prompt: LanguageModelV4Prompt): Reply {
  // after a tool ran (a multi-step caller), close the turn with one short line
  if (prompt[prompt.length - 1]?.role === 'tool') return { text: 'Anything else I can look up for you?' }

  const text = lastUserText(prompt)
  const lower = text.toLowerCase()
  const symbol = mentionedSymbol(text)
  const stock = symbol === undefined ? undefined : findStock(symbol)

  if (/\b(gif|celebrate|celebration|image|picture|card|draw|meme)\b/.test(lower)) {
    const card = marketCard()
    return {
      text: `Here is a chart card of today's biggest movers. ${card.description}.`,
      file: { mediaType: 'image/svg+xml', base64: Buffer.from(card.svg).toString('base64') },
    }
  }
  if (/\b(buy|purchase|invest)\b/.test(lower)) {
    const target = stock ?? findStock('NVDA')
    const shares = Number.parseInt(/\b(\d{1,5})\b/.exec(text)?.[1] ?? '', 10)
    const numberOfShares = Number.isFinite(shares) && shares > 0 ? shares : 10
    if (target) {
      return {
        text: `Sure: here is an order for ${numberOfShares} shares of ${target.symbol} at $${target.price.toFixed(2)}. Check it and confirm.`,
        toolCall: { toolName: 'showStockPurchase', input: { symbol: target.symbol, numberOfShares } },
      }
    }
  }
  if (stock) {
    const direction = stock.delta >= 0 ? 'up' : 'down'
    return {
      text: `${stock.name} (${stock.symbol}) trades at $${stock.price.toFixed(2)}, ${direction} ${Math.abs(stock.delta).toFixed(1)}% today. Here is its recent price chart.`,
      toolCall: { toolName: 'showStockPrice', input: { symbol: stock.symbol } },
    }
  }
  if (/\b(trending|list|top|stocks|movers|market)\b/.test(lower)) {
    const symbols = trendingStocks().map((s) => s.symbol)
    return {
      text: `These are today's biggest movers: ${symbols.join(', ')}.`,
      toolCall: { toolName: 'showStocks', input: { symbols } },
    }
  }
  return {
    text:
      'I\'m a demo stocks copilot with a built-in scripted model. Try: "What\'s the price of NVDA?", ' +
      '"Show me trending stocks", "Buy 10 AAPL" or "Draw a card of today\'s movers".',
  }
}

/** Splits text into word-sized chunks (keeping the spaces), as a model streams tokens. */
function chunks(text: string): string[] {
  return text.match(/\S+\s*/g) ?? []
}

function usageOf(prompt: LanguageModelV4Prompt, reply: Reply): LanguageModelV4Usage {
  const input = chunks(JSON.stringify(prompt)).length
  const output = chunks(reply.text).length + (reply.toolCall ? 8 : 0)
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve()
    const onAbort = () => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })

/**
 * A real AI SDK language model (specification v4) that answers from the bundled stock data, offline and
 * deterministically, and calls the app's tools for its generated components: the copilot works with no API key.
 */
export function createScriptedModel(options: ScriptedModelOptions = {}): LanguageModelV4 {
  const delay = options.chunkDelayMs ?? 25
  let calls = 0
  const nextId = () => {
    calls += 1
    return `scripted-${Date.now().toString(36)}-${calls}`
  }

  return {
    specificationVersion: 'v4',
    provider: 'copilot-analytics-example',
    modelId: 'scripted-stocks-1',
    supportedUrls: {},

    async doGenerate(call: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
      const reply = scriptReply(call.prompt)
      const content: LanguageModelV4Content[] = [{ type: 'text', text: reply.text }]
      if (reply.file)
        content.push({ type: 'file', mediaType: reply.file.mediaType, data: { type: 'data', data: reply.file.base64 } })
      if (reply.toolCall) {
        const { toolName, input } = reply.toolCall
        content.push({ type: 'tool-call', toolCallId: nextId(), toolName, input: JSON.stringify(input) })
      }
      return {
        content,
        finishReason: { unified: reply.toolCall ? 'tool-calls' : 'stop', raw: undefined },
        usage: usageOf(call.prompt, reply),
        warnings: [],
      }
    },

    async doStream(call: LanguageModelV4CallOptions) {
      const reply = scriptReply(call.prompt)
      const signal = call.abortSignal
      const responseId = nextId()
      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: [] })
          controller.enqueue({
            type: 'response-metadata',
            id: responseId,
            modelId: 'scripted-stocks-1',
            timestamp: new Date(),
          })
          const textId = `${responseId}-text`
          controller.enqueue({ type: 'text-start', id: textId })
          for (const delta of chunks(reply.text)) {
            await sleep(delay, signal)
            controller.enqueue({ type: 'text-delta', id: textId, delta })
          }
          controller.enqueue({ type: 'text-end', id: textId })
          if (reply.file) {
            await sleep(delay * 4, signal)
            controller.enqueue({
              type: 'file',
              mediaType: reply.file.mediaType,
              data: { type: 'data', data: reply.file.base64 },
            })
          }
          if (reply.toolCall) {
            const { toolName, input } = reply.toolCall
            controller.enqueue({
              type: 'tool-call',
              toolCallId: `${responseId}-call`,
              toolName,
              input: JSON.stringify(input),
            })
          }
          controller.enqueue({
            type: 'finish',
            finishReason: { unified: reply.toolCall ? 'tool-calls' : 'stop', raw: undefined },
            usage: usageOf(call.prompt, reply),
          })
          controller.close()
        },
      })
      return { stream }
    },
  }
}
