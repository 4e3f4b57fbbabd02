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
import { PROFILE_MARKER } from './profileTraits'
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

/** The user's profile traits the server put in the instructions (see `profileInstructions`), or none. */
function profileOf(prompt: LanguageModelV4Prompt): Record<string, unknown> {
  for (const message of prompt) {
    if (message.role !== 'system') continue
    const line = message.content.split('\n').find((text) => text.startsWith(PROFILE_MARKER))
    if (!line) continue
    try {
      const traits: unknown = JSON.parse(line.slice(PROFILE_MARKER.length))
      if (traits && typeof traits === 'object' && !Array.isArray(traits)) return traits as Record<string, unknown>
    } catch {
      // a profile that does not parse is no profile
    }
  }
  return {}
}

const TRAIT_LABELS: Record<string, string> = {
  conversations_started: 'conversations started',
  messages_sent: 'messages sent',
  last_conversation_at: 'last conversation',
  average_feedback_rating: 'average rating of my answers',
  most_used_component_type: 'the component you see most',
  components_seen: 'components you have seen',
  media_generated: 'pictures generated for you',
  stocks_viewed: 'price charts viewed',
  most_viewed_stock: 'most viewed stock',
  stocks_purchased: 'purchases',
  purchase_volume: 'purchase volume ($)',
}

/** "what do you know about me?": the traits the model was given, and where they come from. */
function describeProfile(traits: Record<string, unknown>): string {
  const known = Object.entries(traits).filter(
    ([, value]) => value !== null && value !== 0 && !(Array.isArray(value) && value.length === 0),
  )
  if (known.length === 0)
    return "I don't know anything about you yet: your profile fills in as you use the copilot (each chart you look at, each purchase, each rating)."
  const facts = known.map(
    ([name, value]) =>
      `${TRAIT_LABELS[name] ?? name.replaceAll('_', ' ')}: ${Array.isArray(value) ? value.join(', ') : String(value)}`,
  )
  return `Here is what I know about you: ${facts.join('; ')}. These are computed traits: the collector computes them from your own events (the charts you open, your purchases, your ratings) and I read them through its Profile API before each answer.`
}

/** Deterministic intent parsing: the same prompt always gives the same answer. */
export function scriptReply(prompt: LanguageModelV4Prompt): Reply {
  // after a tool ran (a multi-step caller), close the turn with one short line
  if (prompt[prompt.length - 1]?.role === 'tool') return { text: 'Anything else I can look up for you?' }
  const reply = replyTo(prompt)
  const traits = profileOf(prompt)
  const firstOfConversation = prompt.filter((message) => message.role === 'user').length === 1
  // a returning user's first answer in a new conversation remembers what they look at most
  if (
    firstOfConversation &&
    typeof traits.most_viewed_stock === 'string' &&
    !/know about me/i.test(lastUserText(prompt))
  )
    return { ...reply, text: `${reply.text} (Welcome back: you look at ${traits.most_viewed_stock} most often.)` }
  return reply
}

function replyTo(prompt: LanguageModelV4Prompt): Reply {
  const text = lastUserText(prompt)
  const lower = text.toLowerCase()
  if (/\b(know about me|my profile|who am i)\b/.test(lower)) return { text: describeProfile(profileOf(prompt)) }
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
