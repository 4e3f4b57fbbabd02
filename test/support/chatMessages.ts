// useChat's message shapes for the ai-sdk tests: a user's text, an assistant's parts, a text part and a tool part.
import type { ChatMessageLike } from '../../src/ai-sdk'

/** A user's message with one text part. */
export const user = (id: string, value: string): ChatMessageLike => ({
  id,
  role: 'user',
  parts: [{ type: 'text', text: value } as { type: string }],
})

/** An assistant's message: a step start, then `parts`. */
export const assistant = (
  id: string,
  parts: readonly Record<string, unknown>[],
  metadata?: unknown,
): ChatMessageLike => ({
  id,
  role: 'assistant',
  parts: [{ type: 'step-start' }, ...parts.map((part) => part as { type: string })],
  ...(metadata === undefined ? {} : { metadata }),
})

/** A text part, streaming or done. */
export const text = (value: string, state: 'streaming' | 'done' = 'done') => ({ type: 'text', text: value, state })

/** A tool part (`tool-<name>`) in `state`, with its input and, once there, its output. */
export const tool = (name: string, toolCallId: string, state: string, input: unknown, output?: unknown) => ({
  type: `tool-${name}`,
  toolCallId,
  state,
  input,
  ...(output === undefined ? {} : { output }),
})
