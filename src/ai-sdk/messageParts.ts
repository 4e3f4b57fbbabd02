/**
 * Pure readers of AI SDK UI messages: the text of a message, its tool calls, generated media, whether it is
 * still streaming or waiting for a tool, and the metadata the server attached. No React, no client.
 */
import { isRecord } from '../shared/guards'
import { shorten } from '../shared/shorten'
import type { ChatMessageLike, ChatPartLike, CopilotMessageMetadata, ToolCallInfo } from './types'

type Loose = ChatPartLike & Record<string, unknown>

const asLoose = (part: ChatPartLike): Loose => part as Loose

/** The text parts of a message, in order, joined by blank lines, ends trimmed (reasoning is not part of the answer). */
export function messageText(message: ChatMessageLike): string {
  const texts: string[] = []
  for (const part of message.parts) {
    const { text } = asLoose(part)
    if (part.type === 'text' && typeof text === 'string' && text !== '') texts.push(text)
  }
  return texts.join('\n\n').trim()
}

/** The index of the last user message in `messages`, or -1. */
export function lastUserIndex(messages: readonly ChatMessageLike[]): number {
  for (let index = messages.length - 1; index >= 0; index--) if (messages[index]?.role === 'user') return index
  return -1
}

/** Whether a message shows anything yet: any part but a step boundary (text, reasoning, tool, file...). */
export function hasContent(message: ChatMessageLike): boolean {
  return message.parts.some((part) => {
    if (part.type === 'step-start') return false
    const { text } = asLoose(part)
    return !(part.type === 'text' || part.type === 'reasoning') || (typeof text === 'string' && text !== '')
  })
}

/** The tool name of a tool part (`tool-NAME` or `dynamic-tool`), or undefined for other parts. */
export function toolNameOf(part: ChatPartLike): string | undefined {
  if (part.type === 'dynamic-tool') {
    const { toolName } = asLoose(part)
    return typeof toolName === 'string' ? toolName : undefined
  }
  return part.type.startsWith('tool-') ? part.type.slice('tool-'.length) : undefined
}

/** The tool calls of a message, whatever their state. */
export function toolCallsOf(message: ChatMessageLike): ToolCallInfo[] {
  const calls: ToolCallInfo[] = []
  for (const part of message.parts) {
    const toolName = toolNameOf(part)
    const { toolCallId, state, input, output } = asLoose(part)
    if (toolName === undefined || typeof toolCallId !== 'string') continue
    calls.push({
      toolName,
      toolCallId,
      state: typeof state === 'string' ? state : '',
      input,
      output,
      messageId: message.id,
    })
  }
  return calls
}

/** A tool call whose input is complete: what the model asked is known (every state after `input-streaming`). */
export const isInputComplete = (call: ToolCallInfo): boolean => call.state !== '' && call.state !== 'input-streaming'

/** A tool call with its result available. */
export const hasOutput = (call: ToolCallInfo): boolean => call.state === 'output-available'

/** States in which a tool call waits for the app or the user (a client-side tool's result, an approval). */
const WAITING_STATES = new Set(['input-available', 'approval-requested', 'approval-responded'])

/**
 * Whether the answer waits on a tool: the stream ended but a tool call still needs a result or an approval,
 * after which the AI SDK continues the same assistant message.
 */
export function isWaitingForTool(message: ChatMessageLike): boolean {
  return toolCallsOf(message).some((call) => WAITING_STATES.has(call.state))
}

/** Whether the stream stopped mid-part: text or reasoning still `streaming`, or a tool input still streaming in. */
export function isCutOff(message: ChatMessageLike): boolean {
  return message.parts.some((part) => {
    const { state } = asLoose(part)
    return state === 'streaming' || state === 'input-streaming'
  })
}

/** A generated file of a message, as the spec's Media Generated describes it. */
export interface MediaInfo {
  /** image, video or audio. */
  readonly type: 'image' | 'video' | 'audio'
  /** png, jpeg, mp4, wav, mp3, ...: from the media type, else the file name's extension, else `unknown`. */
  readonly subType: string
  /** The part's position in the message: with the message ID, it identifies the file. */
  readonly index: number
}

/** IANA subtypes whose everyday name differs. */
const SUBTYPE_NAMES: Readonly<Record<string, string>> = { mpeg: 'mp3', 'svg+xml': 'svg', quicktime: 'mov' }

/**
 * The spec's media `type` and `sub_type` for an IANA media type: `image/png` → image, png; `audio/x-wav` → audio, wav.
 * Undefined for anything that is not an image, video or audio (PDFs, text).
 */
export function mediaOf(mediaType: string, filename?: string): Pick<MediaInfo, 'type' | 'subType'> | undefined {
  const [top = '', sub = ''] = (mediaType.toLowerCase().split(';')[0] ?? '').trim().split('/')
  if (top !== 'image' && top !== 'video' && top !== 'audio') return undefined
  const extension = filename?.includes('.') ? filename.split('.').pop()?.toLowerCase() : undefined
  const named =
    sub === '' || sub === '*'
      ? extension || 'unknown'
      : (SUBTYPE_NAMES[sub] ?? sub.replace(/^x-/, '').replace(/\+.*$/, ''))
  return { type: top, subType: named }
}

/** The generated images, videos and audio of a message, in order. */
export function mediaPartsOf(message: ChatMessageLike): MediaInfo[] {
  const media: MediaInfo[] = []
  message.parts.forEach((part, index) => {
    const { mediaType, filename } = asLoose(part)
    if (part.type !== 'file' || typeof mediaType !== 'string') return
    const info = mediaOf(mediaType, typeof filename === 'string' ? filename : undefined)
    if (info) media.push({ ...info, index })
  })
  return media
}

const finiteNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined

/** The {@link CopilotMessageMetadata} fields of a message's metadata, ignoring anything malformed. */
export function readCopilotMetadata(message: ChatMessageLike): CopilotMessageMetadata {
  const { metadata } = message
  if (!isRecord(metadata)) return {}
  const result: CopilotMessageMetadata = {}
  if (typeof metadata.model === 'string' && metadata.model !== '') result.model = metadata.model
  if (typeof metadata.finishReason === 'string' && metadata.finishReason !== '')
    result.finishReason = metadata.finishReason
  if (isRecord(metadata.usage)) {
    const usage: NonNullable<CopilotMessageMetadata['usage']> = {}
    const input = finiteNumber(metadata.usage.inputTokens)
    const output = finiteNumber(metadata.usage.outputTokens)
    const total = finiteNumber(metadata.usage.totalTokens)
    if (input !== undefined) usage.inputTokens = input
    if (output !== undefined) usage.outputTokens = output
    if (total !== undefined) usage.totalTokens = total
    if (Object.keys(usage).length > 0) result.usage = usage
  }
  return result
}

const MAX_ACTION_LENGTH = 200

/** A tool input as compact JSON, at most 200 characters: the default `action` of Action Invoked. */
export function describeInput(input: unknown): string {
  let text: string
  try {
    text = typeof input === 'string' ? input : (JSON.stringify(input) ?? '')
  } catch {
    text = String(input)
  }
  return shorten(text, MAX_ACTION_LENGTH)
}
