import { type ReactNode, useCallback, useRef, useState } from 'react'
import { STOCKS } from '../support/stocks'
import { AssistantMessage } from './AssistantMessage'
import { GeneratedImage } from './GeneratedImage'
import { NewChatButton } from './NewChatButton'
import { PromptForm } from './PromptForm'
import { SignIn } from './SignIn'
import { StarRating } from './StarRating'
import { StockList } from './StockList'
import { StockPriceChart } from './StockPriceChart'
import { StockPurchase } from './StockPurchase'
import { ThumbsFeedback } from './ThumbsFeedback'

/** Props of {@link ChatThread}. */
export interface ChatThreadProps {
  /** Milliseconds between streamed words of the answers. */
  streamDelayMs?: number
}

/** What the scripted model shows under its text. */
type Generated =
  | { kind: 'chart'; symbol: string }
  | { kind: 'list' }
  | { kind: 'purchase'; symbol: string; shares: number }
  | { kind: 'image'; prompt: string }
  | { kind: 'none' }

type Turn =
  | { role: 'customer'; id: string; body: string }
  | { role: 'agent'; id: string; body: string; generated: Generated }

/** A scripted model in the spirit of the stocks copilot: the answer and the component it generates. */
function answer(question: string): { body: string; generated: Generated } {
  const text = question.toLowerCase()
  const symbol = STOCKS.find((stock) => text.includes(stock.symbol.toLowerCase()))?.symbol
  if (symbol && /\b(buy|purchase)\b/.test(text)) {
    const shares = Number(/\b(\d+)\b/.exec(text)?.[1] ?? 10)
    return { body: `Sure, here is a purchase form for ${symbol}.`, generated: { kind: 'purchase', symbol, shares } }
  }
  if (symbol) return { body: `Here is the price of ${symbol} today.`, generated: { kind: 'chart', symbol } }
  if (/\b(trending|stocks|market)\b/.test(text)) {
    return { body: 'These stocks are trending right now.', generated: { kind: 'list' } }
  }
  if (/\b(draw|image|picture)\b/.test(text)) {
    return { body: 'Here is the picture you asked for.', generated: { kind: 'image', prompt: question } }
  }
  return {
    body: 'I can show stock prices, trending stocks, buy shares or draw a picture.',
    generated: { kind: 'none' },
  }
}

function GeneratedComponent({ generated, messageId }: { generated: Generated; messageId: string }): ReactNode {
  switch (generated.kind) {
    case 'chart':
      return <StockPriceChart symbol={generated.symbol} messageId={messageId} />
    case 'list':
      return <StockList stocks={STOCKS} messageId={messageId} />
    case 'purchase':
      return <StockPurchase symbol={generated.symbol} messageId={messageId} defaultShares={generated.shares} />
    case 'image':
      return <GeneratedImage prompt={generated.prompt} messageId={messageId} />
    default:
      return null
  }
}

/**
 * A whole copilot chat composing the other widgets: sign-in, new chat, the prompt, streamed answers with
 * thumbs, the components the model generates, and a star rating of the conversation.
 */
export function ChatThread({ streamDelayMs = 20 }: ChatThreadProps): ReactNode {
  const [turns, setTurns] = useState<Turn[]>([])
  const [complete, setComplete] = useState<ReadonlySet<string>>(new Set())
  const answers = useRef(0)

  const send = (body: string, messageId: string) => {
    answers.current += 1
    const reply = answer(body)
    setTurns((current) => [
      ...current,
      { role: 'customer', id: messageId, body },
      { role: 'agent', id: `answer-${answers.current}`, ...reply },
    ])
  }
  const completed = useCallback((id: string) => setComplete((current) => new Set(current).add(id)), [])

  return (
    <section className="messages" aria-label="Chat">
      <header className="ca-row" style={{ justifyContent: 'space-between' }}>
        <NewChatButton
          onNewChat={() => {
            setTurns([])
            setComplete(new Set())
          }}
        />
        <SignIn />
      </header>
      {turns.map((turn) =>
        turn.role === 'customer' ? (
          <section key={turn.id} className="message user" aria-label="Your message">
            <div className="avatar" aria-hidden="true">
              You
            </div>
            <div className="body">
              <p className="text">{turn.body}</p>
            </div>
          </section>
        ) : (
          <article key={turn.id} aria-label="Answer">
            <AssistantMessage
              body={turn.body}
              messageId={turn.id}
              streamDelayMs={streamDelayMs}
              onComplete={completed}
            />
            {complete.has(turn.id) ? (
              <>
                <GeneratedComponent generated={turn.generated} messageId={turn.id} />
                <ThumbsFeedback messageId={turn.id} />
              </>
            ) : null}
          </article>
        ),
      )}
      {complete.size > 0 ? <StarRating /> : null}
      <PromptForm onSend={send} />
    </section>
  )
}
