import type { InferUITools, UIMessage } from 'ai'
import type { CopilotMessageMetadata } from 'copilot-analytics/ai-sdk'
import type { StockTools } from '../server/tools'

/** A chat message of this app: the kit's answer metadata (model, usage) and typed tool parts for the components. */
export type ChatMessage = UIMessage<CopilotMessageMetadata, never, InferUITools<StockTools>>

/** A stock as the tools return it. */
export interface StockData {
  symbol: string
  name: string
  price: number
  delta: number
  history: number[]
  /** YYYY-MM-DD of each `history` entry (absent in chats stored by older versions). */
  dates?: string[]
}
