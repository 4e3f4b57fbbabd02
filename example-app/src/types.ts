import type { InferUITools, UIMessage } from 'ai'
import type { StockTools } from '../server/tools'

/** Metadata the server attaches to an answer (see server/chatHandler.ts). */
export interface AnswerMetadata {
  model?: string
  totalTokens?: number
}

/** A chat message of this app, with typed tool parts for the generated components. */
export type ChatMessage = UIMessage<AnswerMetadata, never, InferUITools<StockTools>>

/** A stock as the tools return it. */
export interface StockData {
  symbol: string
  name: string
  price: number
  delta: number
  history: number[]
}
