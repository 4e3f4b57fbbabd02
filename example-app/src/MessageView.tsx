import { FeedbackButtons } from './FeedbackButtons'
import { GeneratedMedia } from './GeneratedMedia'
import { StockChart } from './StockChart'
import { StockList } from './StockList'
import { StockPurchase } from './StockPurchase'
import type { ChatMessage } from './types'

interface MessageViewProps {
  message: ChatMessage
  /** The answer is complete (not streaming): feedback can be given. */
  complete: boolean
  onAsk(text: string): void
}

const Pending = ({ what }: { what: string }) => <div className="card pending">Loading {what}…</div>

/** One chat message: text, and the components and media the model generated for it. */
export function MessageView({ message, complete, onAsk }: MessageViewProps) {
  const isUser = message.role === 'user'
  const said = message.parts
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join(' ')
    .trim()
  return (
    <article className={`message ${isUser ? 'user' : 'assistant'}`} aria-label={isUser ? 'You' : 'Copilot'}>
      <div className="avatar" aria-hidden="true">
        {isUser ? 'You' : '▲'}
      </div>
      <div className="body">
        {message.parts.map((part, index) => {
          const key = `${message.id}-${index}`
          switch (part.type) {
            case 'text':
              return part.text.trim() === '' ? null : (
                <p key={key} className="text">
                  {part.text}
                </p>
              )
            case 'file':
              return <GeneratedMedia key={key} url={part.url} mediaType={part.mediaType} description={said} />
            case 'tool-showStockPrice':
              return part.state === 'output-available' ? (
                <StockChart key={key} stock={part.output} messageId={message.id} />
              ) : part.state === 'output-error' ? (
                <p key={key} className="error">
                  {part.errorText}
                </p>
              ) : (
                <Pending key={key} what="chart" />
              )
            case 'tool-showStocks':
              return part.state === 'output-available' ? (
                <StockList key={key} stocks={part.output.stocks} messageId={message.id} onAsk={onAsk} />
              ) : part.state === 'output-error' ? (
                <p key={key} className="error">
                  {part.errorText}
                </p>
              ) : (
                <Pending key={key} what="stocks" />
              )
            case 'tool-showStockPurchase':
              return part.state === 'output-available' ? (
                <StockPurchase key={key} purchase={part.output} messageId={message.id} toolCallId={part.toolCallId} />
              ) : part.state === 'output-error' ? (
                <p key={key} className="error">
                  {part.errorText}
                </p>
              ) : (
                <Pending key={key} what="purchase form" />
              )
            default:
              return null
          }
        })}
        {!isUser && complete ? <FeedbackButtons messageId={message.id} /> : null}
      </div>
    </article>
  )
}
