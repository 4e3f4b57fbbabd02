import type { Meta, StoryObj } from '@storybook/react-vite'
import { STORY_CONVERSATION_ID } from 'copilot-analytics/storybook/annotations'
import { expectEvents } from 'copilot-analytics/storybook/test'
import { expect, waitFor, within } from 'storybook/test'
import { ChatThread } from './widgets/ChatThread'

const meta = {
  title: 'Chat thread',
  component: ChatThread,
  args: { streamDelayMs: 10 },
  parameters: { layout: 'padded' },
} satisfies Meta<typeof ChatThread>

export default meta
type Story = StoryObj<typeof meta>

/** Waits until the `nth` answer (from 1) has finished streaming and shows its feedback, and returns it. */
async function answer(canvas: ReturnType<typeof within>, nth: number): Promise<HTMLElement> {
  return waitFor(
    () => {
      const article = canvas.getAllByRole('article', { name: 'Answer' })[nth - 1]
      expect(article).toBeDefined()
      expect(within(article as HTMLElement).getByLabelText('Assistant message')).toHaveAttribute('aria-busy', 'false')
      // the generated component and the thumbs appear together, once the answer is complete
      expect(within(article as HTMLElement).getByRole('group', { name: 'Was this helpful?' })).toBeVisible()
      return article as HTMLElement
    },
    { timeout: 5000 },
  )
}

/**
 * A whole conversation with the stocks copilot: a chart, thumbs up, a purchase, a star rating of the
 * conversation and a new chat. Every spec event in the order a user's session fires them.
 */
export const StocksConversation: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context
    const prompt = canvas.getByRole('textbox', { name: 'Message' })

    await userEvent.type(prompt, 'Show me NVDA{Enter}')
    const first = await answer(canvas, 1)
    await expect(within(first).getByRole('figure', { name: 'NVDA price chart' })).toBeVisible()
    await userEvent.click(within(first).getByRole('button', { name: 'Thumbs up' }))

    await userEvent.type(prompt, 'Buy 3 NVDA{Enter}')
    const second = await answer(canvas, 2)
    await userEvent.click(within(second).getByRole('button', { name: 'Purchase' }))
    await expect(within(second).getByRole('status')).toHaveTextContent('Purchased 3 NVDA')

    await userEvent.click(canvas.getByRole('radio', { name: '5 stars' }))
    await userEvent.click(canvas.getByRole('button', { name: 'New chat' }))
    await expect(canvas.queryAllByRole('article')).toHaveLength(0)

    const conversation = { conversationId: STORY_CONVERSATION_ID }
    await expectEvents(context.canvasElement, [
      'identify',
      ['Conversation Started', conversation],
      ['Message Sent', { ...conversation, message_body: 'Show me NVDA', role: 'customer' }],
      [
        'Message Received',
        { ...conversation, messageId: 'answer-1', message_body: 'Here is the price of NVDA today.' },
      ],
      ['Component Loaded', { ...conversation, messageId: 'answer-1', type: 'Stock Price Chart', symbol: 'NVDA' }],
      ['Feedback Submitted', { ...conversation, messageId: 'answer-1', rating: 1 }],
      ['Message Sent', { ...conversation, message_body: 'Buy 3 NVDA' }],
      ['Message Received', { ...conversation, messageId: 'answer-2' }],
      ['Component Loaded', { ...conversation, messageId: 'answer-2', type: 'Stock Purchase' }],
      ['Action Invoked', { ...conversation, messageId: 'answer-2', type: 'Stock Purchase', action: 'buy 3 NVDA' }],
      ['Stock Purchased', { ...conversation, messageId: 'answer-2', symbol: 'NVDA', numberOfShares: 3 }],
      ['Feedback Submitted', { ...conversation, rating: 5 }],
      ['Conversation Ended', { ...conversation, message_count: 4 }],
    ])
  },
}

/** Trending stocks (a list) and a drawing (an image): Component Loaded and Media Generated on their answers. */
export const ListAndImage: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context
    const prompt = canvas.getByRole('textbox', { name: 'Message' })

    await userEvent.type(prompt, 'Which stocks are trending?{Enter}')
    const first = await answer(canvas, 1)
    await userEvent.click(within(first).getByRole('button', { name: /MSFT/ }))

    await userEvent.type(prompt, 'Draw a picture of a rocket{Enter}')
    const second = await answer(canvas, 2)
    await within(second).findByRole('img', { name: 'Generated: Draw a picture of a rocket' })

    await expectEvents(context.canvasElement, [
      'identify',
      'Conversation Started',
      ['Message Sent', { message_body: 'Which stocks are trending?' }],
      ['Message Received', { messageId: 'answer-1' }],
      ['Component Loaded', { messageId: 'answer-1', type: 'Stock List' }],
      ['Action Invoked', { messageId: 'answer-1', type: 'Stock Price Lookup', action: 'show MSFT' }],
      ['Message Sent', { message_body: 'Draw a picture of a rocket' }],
      ['Message Received', { messageId: 'answer-2' }],
      ['Media Generated', { messageId: 'answer-2', type: 'image', sub_type: 'png' }],
    ])
  },
}
