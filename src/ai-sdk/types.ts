/**
 * Structural types for the parts of the Vercel AI SDK that the instrumentation reads. They describe what
 * `useChat` returns (ai 6/7, @ai-sdk/react 3/4) without importing the SDK, so the kit needs neither package
 * at runtime and its declarations resolve without them.
 */

/** The part of a UI message part the instrumentation reads: every part has a `type`. */
export interface ChatPartLike {
  readonly type: string
}

/** A UI message as `useChat` holds it (`UIMessage` from `ai`). */
export interface ChatMessageLike {
  readonly id: string
  readonly role: string
  readonly metadata?: unknown
  readonly parts: readonly ChatPartLike[]
}

/** `useChat`'s status: `submitted` and `streaming` while a request is in flight. */
export type ChatStatusLike = 'submitted' | 'streaming' | 'ready' | 'error' | (string & {})

/** What {@link useChatAnalytics} reads from `useChat`'s return value. */
export interface ChatLike {
  readonly id?: string
  readonly messages: readonly ChatMessageLike[]
  readonly status: ChatStatusLike
  readonly error?: Error | undefined
}

/** A tool call as the instrumentation sees it, handed to the per-tool options. */
export interface ToolCallInfo {
  /** The tool's name (`getStockPrice` for a `tool-getStockPrice` part, `toolName` for a dynamic tool). */
  readonly toolName: string
  readonly toolCallId: string
  /** The tool part's state: `input-available`, `output-available`, `output-error`, `approval-requested`, ... */
  readonly state: string
  readonly input: unknown
  /** The tool's output, once `state` is `output-available`. */
  readonly output: unknown
  /** The assistant message that holds the call. */
  readonly messageId: string
}

/** How one tool is reported. */
export interface ToolAnalytics {
  /**
   * Action Invoked's `type`.
   * @default the tool's name
   */
  type?: string
  /**
   * Action Invoked's `action`: what the tool was asked to do, e.g. `(input) => \`buy ${input.qty} ${input.ticker}\``.
   * @default the tool's input as compact JSON (at most 200 characters)
   */
  action?: (call: ToolCallInfo) => string
  /**
   * The component the app renders for this tool's result: Component Loaded is sent with this `type` once the
   * result is available. A function may return `undefined` for results that render no component.
   */
  component?: string | ((call: ToolCallInfo) => string | undefined)
  /**
   * `false` sends no Action Invoked for this tool (Component Loaded still follows `component`).
   * @default true
   */
  track?: boolean
}

/** Options of {@link useChatAnalytics}. */
export interface ChatAnalyticsOptions {
  /**
   * Make this the kit's current conversation (controlled, as `<CopilotAnalyticsProvider conversationId>`), e.g.
   * `chat.id` to join analytics to the AI SDK chat ID. Leave it out to use the provider's current conversation.
   */
  conversationId?: string | undefined
  /** Per-tool reporting, keyed by tool name: Action Invoked's `type`/`action`, and the component a result renders. */
  tools?: Readonly<Record<string, ToolAnalytics>> | undefined
  /**
   * Message Received's `role`.
   * @default 'agent'
   */
  role?: string | undefined
  /** The model, when the client knows it and the server sends no `model` metadata (see `copilotMessageMetadata`). */
  model?: string | undefined
  /**
   * Send Media Generated for generated files (image, video and audio parts of assistant messages).
   * @default true
   */
  media?: boolean | undefined
  /**
   * Who sends Message Received: `'server'` when the route sends it (`trackMessageReceived` from
   * `copilot-analytics/ai-sdk/server`), so the browser does not send it again; both use the AI SDK message ID.
   * @default 'browser'
   */
  messageReceivedFrom?: 'browser' | 'server' | undefined
  /** `false` turns the instrumentation off (nothing is sent, nothing is recorded). @default true */
  enabled?: boolean | undefined
}

/**
 * Message metadata the server adds with {@link copilotMessageMetadata}: what the browser cannot know.
 * Written under these names, the app's own metadata (a `createdAt`, say) can sit beside it.
 */
export interface CopilotMessageMetadata {
  /** The model that answered (the provider's response model ID). */
  model?: string
  /** The AI SDK finish reason of the whole answer: `stop`, `length`, `tool-calls`, `content-filter`, ... */
  finishReason?: string
  /** Token usage of the whole answer (every step). */
  usage?: { inputTokens?: number; outputTokens?: number; totalTokens?: number }
}

/** Why an answer failed: the request errored, or it was stopped (by `stop()` or a dropped stream) before it finished. */
export type MessageFailedReason = 'error' | 'stopped'
