import { streamText, type UIMessage } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { describe, expect, it } from 'vitest'
import { trackMessageReceived } from '../../src/ai-sdk/server'
import { type CopilotEvent, memoryDestination } from '../../src/core'
import { createServerAnalytics } from '../../src/server'
import { chunk } from '../support/scriptedModel'

const question: UIMessage = { id: 'q-1', role: 'user', parts: [{ type: 'text', text: 'How is NVDA doing?' }] }

/** A route handler as an app writes it: streamText over a scripted model, Message Received sent from the server. */
async function route(
  request: Request,
  copilot: ReturnType<typeof createServerAnalytics>,
  parts = [chunk.text('t', 'NVDA is up 3% today.'), [chunk.finish('stop', { input: 12, output: 7 })]],
) {
  const { messages } = (await request.json()) as { messages: UIMessage[] }
  const tracker = copilot.forRequest(request)
  const model = new MockLanguageModelV4({
    modelId: 'scripted-model',
    doStream: async () => ({
      stream: new ReadableStream({
        start(controller) {
          for (const part of parts.flat()) controller.enqueue(part)
          controller.close()
        },
      }),
    }),
  })
  const result = streamText({ model, prompt: 'answer' })
  return result.toUIMessageStreamResponse({
    originalMessages: messages,
    ...trackMessageReceived(tracker, { messages }),
  })
}

/** The UI message stream's chunks, as the browser's useChat reads them. */
const chunksOf = async (response: Response) =>
  (await response.text())
    .split('\n')
    .filter((line) => line.startsWith('data: {'))
    .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>)

const tracks = (events: readonly CopilotEvent[]) => events.flatMap((event) => (event.type === 'track' ? [event] : []))

describe('trackMessageReceived: Message Received from the AI SDK route, in one line', () => {
  it('sends it once, with the message ID the browser gets, the model, usage, finish reason and latency', async () => {
    const destination = memoryDestination()
    const copilot = createServerAnalytics({ destination })
    const request = new Request('http://app.test/api/chat', {
      method: 'POST',
      headers: {
        'x-copilot-anonymous-id': 'anon-1',
        'x-copilot-conversation-id': 'conv-1',
        'x-copilot-consent': 'granted',
      },
      body: JSON.stringify({ messages: [question] }),
    })
    const chunks = await chunksOf(await route(request, copilot))
    await copilot.flush()
    const start = chunks.find((part) => part.type === 'start')
    expect(start?.messageId).toEqual(expect.any(String))
    // the browser also gets the metadata (for its own Message Received when the server does not send it)
    expect(chunks.find((part) => part.type === 'finish')).toMatchObject({
      messageMetadata: { finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 7, totalTokens: 19 } },
    })
    const received = tracks(destination.events)
    expect(received).toHaveLength(1)
    expect(received[0]).toMatchObject({ event: 'Message Received', anonymousId: 'anon-1' })
    expect(received[0]?.properties).toMatchObject({
      conversationId: 'conv-1',
      messageId: start?.messageId,
      message_body: 'NVDA is up 3% today.',
      role: 'agent',
      model: 'scripted-model',
      finish_reason: 'stop',
      usage: { input_tokens: 12, output_tokens: 7, total_tokens: 19 },
      reply_to_message_id: 'q-1',
      latency_ms: expect.any(Number),
    })
  })

  it('sends nothing for a browser that denied consent, and nothing for an answer without text', async () => {
    const destination = memoryDestination()
    const copilot = createServerAnalytics({ destination })
    const denied = new Request('http://app.test/api/chat', {
      method: 'POST',
      headers: { 'x-copilot-anonymous-id': 'anon-2', 'x-copilot-consent': 'denied' },
      body: JSON.stringify({ messages: [question] }),
    })
    await (await route(denied, copilot)).text()
    const toolsOnly = new Request('http://app.test/api/chat', {
      method: 'POST',
      headers: { 'x-copilot-anonymous-id': 'anon-3' },
      body: JSON.stringify({ messages: [question] }),
    })
    await (await route(toolsOnly, copilot, [[chunk.finish('stop')]])).text()
    await copilot.flush()
    expect(destination.events).toEqual([])
  })
})
