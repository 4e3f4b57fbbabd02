import type { ChatMessageLike, ChatStatusLike } from './types'

/** What the tracker reads of the chat at one moment: one committed state of `useChat`. */
export interface ChatSnapshot {
  readonly messages: readonly ChatMessageLike[]
  readonly status: ChatStatusLike
  readonly error?: Error | undefined
  /**
   * How many requests the app has started (`sendMessage`, `regenerate`), counted as they are called: a request
   * whose whole answer commits in one render (inside act(), a cached answer) never shows a busy status.
   */
  readonly requests?: number
}
