/**
 * copilotMessageMetadata on a real server response (`streamText(...).toUIMessageStreamResponse`), and the pure
 * readers that turn message metadata and parts into event properties.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { streamText } from 'ai'
import { MockLanguageModelV4 } from 'ai/test'
import { describe, expect, it } from 'vitest'
import { mediaOf, messageText } from '../../src/ai-sdk'
import { readCopilotMetadata } from '../../src/ai-sdk/messageParts'
import { copilotMessageMetadata } from '../../src/ai-sdk/server'
import { chunk } from '../support/scriptedModel'

/** The UI message stream chunks of a Response, as the browser's transport parses them (SSE `data:` lines). */
async function chunksOf(response: Response): Promise<Record<string, unknown>[]> {
  const body = await response.text()
  return body
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice('data: '.length)) as Record<string, unknown>)
}

const modelAnswering = (text: string) =>
  new MockLanguageModelV4({
    modelId: 'gpt-test-mini',
    doStream: async () => ({
      stream: new ReadableStream({
        start(controller) {
          for (const part of [...chunk.text('t', text), chunk.finish('stop', { input: 11, output: 7 })])
            controller.enqueue(part)
          controller.close()
        },
      }),
    }),
  })

describe('copilotMessageMetadata', () => {
  it('puts model, finish reason and token usage into the response the browser reads', async () => {
    const response = streamText({ model: modelAnswering('Hello'), prompt: 'Hi' }).toUIMessageStreamResponse({
      messageMetadata: copilotMessageMetadata,
    })
    const metadata = (await chunksOf(response)).flatMap((part) => (part.messageMetadata ? [part.messageMetadata] : []))
    expect(metadata).toEqual([
      { model: 'gpt-test-mini' },
      { finishReason: 'stop', usage: { inputTokens: 11, outputTokens: 7, totalTokens: 18 } },
    ])
  })

  it('composes with metadata of the app', async () => {
    const response = streamText({ model: modelAnswering('Hello'), prompt: 'Hi' }).toUIMessageStreamResponse({
      messageMetadata: (options) => {
        const ours = copilotMessageMetadata(options)
        return ours ? { ...ours, app: 'stocks' } : undefined
      },
    })
    const metadata = (await chunksOf(response)).flatMap((part) => (part.messageMetadata ? [part.messageMetadata] : []))
    expect(metadata.at(-1)).toMatchObject({ finishReason: 'stop', app: 'stocks' })
  })

  it('returns nothing for the other parts of the stream', () => {
    expect(copilotMessageMetadata({ part: { type: 'text-delta' } })).toBeUndefined()
    expect(copilotMessageMetadata({ part: { type: 'finish-step', response: {} } })).toBeUndefined()
  })
})

describe('message readers', () => {
  it('reads only well-formed copilot metadata', () => {
    const message = (metadata: unknown) => ({ id: 'a', role: 'assistant', parts: [], metadata })
    expect(
      readCopilotMetadata(
        message({ model: 'm', finishReason: 'length', usage: { inputTokens: 1, outputTokens: 'x' } }),
      ),
    ).toEqual({
      model: 'm',
      finishReason: 'length',
      usage: { inputTokens: 1 },
    })
    expect(readCopilotMetadata(message('not an object'))).toEqual({})
    expect(readCopilotMetadata(message({ model: 42, usage: null }))).toEqual({})
  })

  it('joins the text parts of a message, without reasoning', () => {
    expect(
      messageText({
        id: 'a',
        role: 'assistant',
        parts: [
          { type: 'reasoning', text: 'thinking...' } as { type: string },
          { type: 'text', text: 'First.' } as { type: string },
          { type: 'step-start' },
          { type: 'text', text: 'Second. ' } as { type: string },
        ],
      }),
    ).toBe('First.\n\nSecond.')
  })

  it('maps media types to the spec type and subtype', () => {
    expect(mediaOf('image/png')).toEqual({ type: 'image', subType: 'png' })
    expect(mediaOf('audio/x-wav')).toEqual({ type: 'audio', subType: 'wav' })
    expect(mediaOf('image', 'chart.webp')).toEqual({ type: 'image', subType: 'webp' })
    expect(mediaOf('video/*')).toEqual({ type: 'video', subType: 'unknown' })
    expect(mediaOf('text/plain')).toBeUndefined()
  })
})

describe('package boundaries', () => {
  // vitest runs from the repository root (import.meta.url is not a file URL under jsdom)
  const root = process.cwd()
  /** Every source file reachable from `entry` through relative imports (type-only imports included). */
  const reachable = (entry: string): Map<string, string> => {
    const files = new Map<string, string>()
    const visit = (file: string) => {
      if (files.has(file)) return
      const source = readFileSync(file, 'utf8')
      files.set(file, source)
      for (const [, specifier] of source.matchAll(/from\s+'(\.[^']+)'/g)) {
        const base = resolve(dirname(file), specifier as string)
        const next = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(candidate))
        if (next) visit(next)
      }
    }
    visit(join(root, entry))
    return files
  }

  it('keeps the main entry free of AI SDK code', () => {
    const files = [...reachable('src/index.ts').keys()].map((file) => relative(root, file))
    expect(files.length).toBeGreaterThan(5)
    expect(files.filter((file) => file.startsWith('src/ai-sdk'))).toEqual([])
  })

  it('imports nothing from ai or @ai-sdk/react at runtime, so neither is needed to load the entries', () => {
    for (const entry of ['src/ai-sdk/index.ts', 'src/ai-sdk/server.ts']) {
      for (const [file, source] of reachable(entry)) {
        const runtimeImports = [...source.matchAll(/^import\s+(?!type\b)[^'"]*from\s+'([^']+)'/gm)].map(
          (match) => match[1],
        )
        expect(
          runtimeImports.filter((name) => name === 'ai' || name?.startsWith('@ai-sdk/')),
          relative(root, file),
        ).toEqual([])
      }
    }
  })
})
