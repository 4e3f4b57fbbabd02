import type { CopilotMessageMetadata } from './types'

/**
 * The parts of `streamText`'s stream that carry what the browser cannot know (a structural subset of the
 * AI SDK's `TextStreamPart`, so any `ai` version fits).
 */
export interface MetadataStreamPart {
  readonly type: string
  /** On `finish-step`: the provider's response, with the model that answered. */
  readonly response?: { readonly modelId?: string | undefined } | undefined
  /** On `finish`: why the whole answer ended. */
  readonly finishReason?: string | undefined
  /** On `finish`: the token usage of every step. */
  readonly totalUsage?:
    | {
        readonly inputTokens?: number | undefined
        readonly outputTokens?: number | undefined
        readonly totalTokens?: number | undefined
      }
    | undefined
}

const count = (value: number | undefined) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined)

/**
 * Server side, one option: the model, finish reason and token usage of each answer, sent to the browser as
 * message metadata, where `useChatAnalytics` adds them to Message Received.
 *
 * ```ts
 * return streamText({ model, messages }).toUIMessageStreamResponse({ messageMetadata: copilotMessageMetadata })
 * // with metadata of your own:
 * messageMetadata: (options) => ({ ...copilotMessageMetadata(options), createdAt: Date.now() })
 * ```
 * Returns `{ model }` on each `finish-step` and `{ finishReason, usage }` on `finish`; undefined otherwise.
 */
export function copilotMessageMetadata({ part }: { part: MetadataStreamPart }): CopilotMessageMetadata | undefined {
  if (part.type === 'finish-step') {
    const model = part.response?.modelId
    return typeof model === 'string' && model !== '' ? { model } : undefined
  }
  if (part.type !== 'finish') return undefined
  const metadata: CopilotMessageMetadata = {}
  if (typeof part.finishReason === 'string') metadata.finishReason = part.finishReason
  const usage = part.totalUsage
  if (usage) {
    const inputTokens = count(usage.inputTokens)
    const outputTokens = count(usage.outputTokens)
    const totalTokens =
      count(usage.totalTokens) ??
      (inputTokens !== undefined && outputTokens !== undefined ? inputTokens + outputTokens : undefined)
    metadata.usage = {
      ...(inputTokens === undefined ? {} : { inputTokens }),
      ...(outputTokens === undefined ? {} : { outputTokens }),
      ...(totalTokens === undefined ? {} : { totalTokens }),
    }
  }
  return metadata
}
