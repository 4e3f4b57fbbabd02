import type { Meta, StoryObj } from '@storybook/react-vite'
import { STORY_CONVERSATION_ID } from 'copilot-analytics/storybook/annotations'
import { expectEvents } from 'copilot-analytics/storybook/test'
import { expect } from 'storybook/test'
import { StockPurchase } from './widgets/StockPurchase'

const meta = {
  title: 'Generated components/Stock purchase',
  component: StockPurchase,
  args: { symbol: 'NVDA', messageId: 'answer-3', defaultShares: 10 },
} satisfies Meta<typeof StockPurchase>

export default meta
type Story = StoryObj<typeof meta>

/** The purchase goes through: Action Invoked, then the business event Stock Purchased on the same message. */
export const Purchase: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context
    const shares = canvas.getByRole('spinbutton', { name: 'Shares' })
    await userEvent.clear(shares)
    await userEvent.type(shares, '5')
    await userEvent.click(canvas.getByRole('button', { name: 'Purchase' }))
    await expect(canvas.getByRole('status')).toHaveTextContent('Purchased 5 NVDA for $912.00.')
    await expectEvents(context.canvasElement, [
      'identify',
      ['Component Loaded', { conversationId: STORY_CONVERSATION_ID, messageId: 'answer-3', type: 'Stock Purchase' }],
      ['Action Invoked', { messageId: 'answer-3', type: 'Stock Purchase', action: 'buy 5 NVDA', role: 'customer' }],
      [
        'Stock Purchased',
        {
          conversationId: STORY_CONVERSATION_ID,
          messageId: 'answer-3',
          symbol: 'NVDA',
          numberOfShares: 5,
          price: 182.4,
          total: 912,
        },
      ],
    ])
  },
}

/** Cancelled: an Action Invoked, and no Stock Purchased. */
export const Cancel: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel' }))
    await expect(canvas.getByRole('status')).toHaveTextContent('Purchase of NVDA cancelled.')
    await expectEvents(context.canvasElement, [
      'identify',
      ['Component Loaded', { type: 'Stock Purchase' }],
      ['Action Invoked', { type: 'Stock Purchase', action: 'cancel NVDA' }],
    ])
  },
}
