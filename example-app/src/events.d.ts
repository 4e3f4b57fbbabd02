// The app's own business event, typed like the spec's events (see CopilotCustomEvents).
import 'copilot-analytics'

declare module 'copilot-analytics' {
  interface CopilotCustomEvents {
    'Stock Purchased': { messageId?: string; symbol: string; numberOfShares: number; price: number; total: number }
  }
}
