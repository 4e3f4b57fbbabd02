/**
 * A scripted language model behind the real AI SDK stack, for tests that drive a real `useChat`:
 * `MockLanguageModelV4` (from `ai/test`) replays scripted chunks, `streamText` runs the tools and turns them
 * into a UI message stream exactly as a server route would, and a `ChatTransport` hands that stream to the chat.
 * Each request to the transport plays the next turn of the script; a turn has one model call per step.
 */
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider'
import {
  type ChatTransport,
  convertToModelMessages,
  isStepCount,
  streamText,
  type TextStreamPart,
  type ToolSet,
  type UIMessage,
} from 'ai'
import { MockLanguageModelV4 } from 'ai/test'

/** A chunk the scripted model streams, or a promise it waits for first (to hold a stream open mid-answer). */
export type ScriptEntry = LanguageModelV4StreamPart | Promise<void>

/** One model call: the chunks of one step. */
export type ScriptStep = readonly ScriptEntry[]

/** One request: the steps the model takes (a tool call and its follow-up are two steps). */
export type ScriptTurn = readonly ScriptStep[]

/** Options of {@link scriptedTransport}. */
export interface ScriptedTransportOptions {
  /** The turns, one per request, in order. */
  turns: readonly ScriptTurn[]
  /**
   * The model's ID, as the provider reports it.
   * @default 'scripted-model'
   */
  modelId?: string
  /** Tools the model may call; their `execute` runs as on a server. */
  tools?: ToolSet
  /**
   * Milliseconds of (real) delay before the answer starts and between chunks, like a network: the browser
   * renders the chat's intermediate states (`submitted`, `streaming`) instead of one batched commit.
   * @default 2
   */
  delayMs?: number
  /** Passed to `toUIMessageStream`, e.g. `copilotMessageMetadata`. */
  messageMetadata?: (options: { part: TextStreamPart<ToolSet> }) => unknown
}

/** A transport over the scripted model, with the requests it received. */
export interface ScriptedTransport extends ChatTransport<UIMessage> {
  /** Each request's trigger and the messages it carried. */
  readonly requests: { trigger: string; messages: UIMessage[] }[]
}

const wait = (signal: AbortSignal | undefined, gate: Promise<void>) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve()
    signal?.addEventListener('abort', () => resolve(), { once: true })
    gate.then(resolve, resolve)
  })

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

const streamOf = (step: ScriptStep, signal: AbortSignal | undefined, delayMs: number) => {
  let index = 0
  return new ReadableStream<LanguageModelV4StreamPart>({
    async pull(controller) {
      await sleep(delayMs)
      while (index < step.length) {
        const entry = step[index++]
        if (entry instanceof Promise) {
          await wait(signal, entry)
          if (signal?.aborted) return controller.close()
          continue
        }
        if (entry) return controller.enqueue(entry)
      }
      controller.close()
    },
  })
}

/** A `ChatTransport` whose answers come from `streamText` over a scripted `MockLanguageModelV4`. */
export function scriptedTransport(options: ScriptedTransportOptions): ScriptedTransport {
  const requests: ScriptedTransport['requests'] = []
  return {
    requests,
    async sendMessages({ trigger, messages, abortSignal }) {
      const turn = options.turns[requests.length]
      requests.push({ trigger, messages: structuredClone(messages) })
      if (!turn) throw new Error(`scriptedTransport: no turn scripted for request ${requests.length}`)
      const delayMs = options.delayMs ?? 2
      await sleep(delayMs)
      let call = 0
      const model = new MockLanguageModelV4({
        modelId: options.modelId ?? 'scripted-model',
        doStream: async ({ abortSignal: signal }) => ({ stream: streamOf(turn[call++] ?? [], signal, delayMs) }),
      })
      const result = streamText({
        model,
        messages: await convertToModelMessages(messages),
        ...(options.tools ? { tools: options.tools } : {}),
        stopWhen: isStepCount(turn.length),
        // scripted errors are expected: they reach the browser through the UI stream, not the console
        onError: () => {},
        ...(abortSignal ? { abortSignal } : {}),
      })
      return result.toUIMessageStream({
        ...(options.messageMetadata ? { messageMetadata: options.messageMetadata } : {}),
        onError: (error) => (error instanceof Error ? error.message : String(error)),
      })
    },
    reconnectToStream: async () => null,
  }
}

const usage = (input: number, output: number) => ({
  inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
})

/** Chunks of a scripted model call. */
export const chunk = {
  /** A text block streamed word by word (several deltas, as a real model sends). */
  text(id: string, text: string): LanguageModelV4StreamPart[] {
    const words = text.split(/(?<= )/)
    return [
      { type: 'text-start', id },
      ...words.map((delta): LanguageModelV4StreamPart => ({ type: 'text-delta', id, delta })),
      { type: 'text-end', id },
    ]
  },
  /** The start of a text block that is not finished yet (hold the stream after it to stop mid-answer). */
  partialText(id: string, text: string): LanguageModelV4StreamPart[] {
    return [
      { type: 'text-start', id },
      { type: 'text-delta', id, delta: text },
    ]
  },
  /** A tool call with its complete input. */
  toolCall(toolCallId: string, toolName: string, input: unknown): LanguageModelV4StreamPart {
    return { type: 'tool-call', toolCallId, toolName, input: JSON.stringify(input) }
  },
  /** A generated file, as base64 data. */
  file(mediaType: string, base64: string): LanguageModelV4StreamPart {
    return { type: 'file', mediaType, data: { type: 'data', data: base64 } }
  },
  /** The end of a model call, with its finish reason and token usage. */
  finish(
    reason: 'stop' | 'tool-calls' | 'length' = 'stop',
    tokens: { input: number; output: number } = { input: 10, output: 20 },
  ): LanguageModelV4StreamPart {
    return { type: 'finish', finishReason: { unified: reason, raw: reason }, usage: usage(tokens.input, tokens.output) }
  },
  /** A provider error mid-stream. */
  error(message: string): LanguageModelV4StreamPart {
    return { type: 'error', error: new Error(message) }
  },
}

/** A promise the test resolves to let a held stream continue. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {}
  const promise = new Promise<void>((resolve) => {
    open = resolve
  })
  return { promise, open }
}

/** A 1x1 transparent PNG, base64. */
export const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='
