import type { IncomingMessage, ServerResponse } from 'node:http'
import { convertToModelMessages, type LanguageModel, safeValidateUIMessages, streamText, type UIMessage } from 'ai'
import { copilotMessageMetadata } from '../../src/ai-sdk/server'
import { type ProfileReader, readCopilotContext } from '../../src/server'
import { profileInstructions } from './profileTraits'
import { stockTools } from './tools'

/** Instructions for a real model; the scripted model ignores them (it only reads the last user message). */
const INSTRUCTIONS =
  'You are a friendly stock trading copilot in a demo app. Answer briefly. To show a price, call showStockPrice; ' +
  'to show several stocks, call showStocks; when the user wants to buy, call showStockPurchase (the user confirms in the UI). ' +
  'The data is a bundled demo snapshot, not live prices.'

/** Reads a request body as JSON (chat requests are small). */
export async function readJson(req: IncomingMessage, limit = 5_000_000): Promise<unknown> {
  const parts: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > limit) throw new Error('request body too large')
    parts.push(buffer)
  }
  return JSON.parse(Buffer.concat(parts).toString('utf8') || '{}')
}

const badRequest = (res: ServerResponse, error: unknown) => {
  res.writeHead(400, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ error: String(error instanceof Error ? error.message : error) }))
}

/**
 * `POST /api/chat`: the AI SDK's UI message stream protocol, answered by `model` with the stock tools. A body
 * that is not a list of UI messages is a 400 and never reaches the model. The user's profile traits (read through
 * the Profile API as the visitor the browser's `x-copilot-*` headers name) go to the model as context; a profile
 * that cannot be read in time leaves the answer without it.
 */
export async function handleChat(
  req: IncomingMessage,
  res: ServerResponse,
  model: LanguageModel,
  profiles?: ProfileReader,
): Promise<void> {
  let messages: UIMessage[]
  let modelMessages: Awaited<ReturnType<typeof convertToModelMessages>>
  try {
    const body = (await readJson(req)) as { messages?: unknown } | null
    if (!Array.isArray(body?.messages)) throw new Error('messages must be an array')
    const checked = await safeValidateUIMessages({ messages: body.messages, tools: stockTools })
    if (!checked.success) throw new Error(`messages are not UI messages: ${checked.error.message}`)
    messages = checked.data
    modelMessages = await convertToModelMessages(messages, { tools: stockTools })
  } catch (error) {
    return badRequest(res, error)
  }
  const who = readCopilotContext(req.headers)
  const traits = profiles ? await profiles.traits({ userId: who.userId, anonymousId: who.anonymousId }) : {}
  const abort = new AbortController()
  res.on('close', () => abort.abort())
  const result = streamText({
    model,
    instructions: INSTRUCTIONS + profileInstructions(traits),
    messages: modelMessages,
    tools: stockTools,
    abortSignal: abort.signal,
  })
  await result.pipeUIMessageStreamToResponse(res, {
    originalMessages: messages,
    // the model, finish reason and token usage travel with the answer: useChatAnalytics adds them to Message Received
    messageMetadata: copilotMessageMetadata,
  })
}
