import type { Meta, StoryObj } from '@storybook/react-vite'
import { STORY_CONVERSATION_ID } from 'copilot-analytics/storybook/annotations'
import { expectEvents } from 'copilot-analytics/storybook/test'
import { expect } from 'storybook/test'
import { StockPriceChart } from './widgets/StockPriceChart'

const meta = {
  title: 'Generated components/Stock price chart',
  component: StockPriceChart,
  args: { symbol: 'NVDA', messageId: 'answer-1' },
} satisfies Meta<typeof StockPriceChart>

export default meta
type Story = StoryObj<typeof meta>

/** Shown: Component Loaded once. Picking a range: Action Invoked by the customer. */
export const ChangeRange: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context
    await expect(canvas.getByRole('img', { name: '1D prices of NVDA' })).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: '1M' }))
    await expect(canvas.getByRole('img', { name: '1M prices of NVDA' })).toBeVisible()
    await expectEvents(context.canvasElement, [
      'identify',
      [
        'Component Loaded',
        { conversationId: STORY_CONVERSATION_ID, messageId: 'answer-1', type: 'Stock Price Chart', symbol: 'NVDA' },
      ],
      [
        'Action Invoked',
        { messageId: 'answer-1', type: 'Stock Price Chart', action: 'show 1M of NVDA', role: 'customer' },
      ],
    ])
  },
}

/** Re-rendering (new range, new props) never sends Component Loaded again. */
export const LoadedOnce: Story = {
  args: { symbol: 'AAPL' },
  play: async (context) => {
    const { canvas, userEvent } = context
    for (const range of ['1W', '1Y', '1D']) await userEvent.click(canvas.getByRole('button', { name: range }))
    await expectEvents(context.canvasElement, [
      'identify',
      ['Component Loaded', { type: 'Stock Price Chart', symbol: 'AAPL' }],
      ['Action Invoked', { action: 'show 1W of AAPL' }],
      ['Action Invoked', { action: 'show 1Y of AAPL' }],
      ['Action Invoked', { action: 'show 1D of AAPL' }],
    ])
  },
}
