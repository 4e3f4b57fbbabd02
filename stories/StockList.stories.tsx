import type { Meta, StoryObj } from '@storybook/react-vite'
import { STORY_CONVERSATION_ID } from 'copilot-analytics/storybook/annotations'
import { expectEvents } from 'copilot-analytics/storybook/test'
import { expect, fn } from 'storybook/test'
import { STOCKS } from './support/stocks'
import { StockList } from './widgets/StockList'

const meta = {
  title: 'Generated components/Stock list',
  component: StockList,
  args: { stocks: STOCKS, messageId: 'answer-2', onSelect: fn() },
} satisfies Meta<typeof StockList>

export default meta
type Story = StoryObj<typeof meta>

/** Instrumented with `withComponentTracking`: Component Loaded with the symbols; opening a stock is an Action Invoked. */
export const OpenStock: Story = {
  play: async (context) => {
    const { canvas, userEvent, args } = context
    await userEvent.click(canvas.getByRole('button', { name: /AAPL/ }))
    await expect(args.onSelect).toHaveBeenCalledWith('AAPL')
    await expectEvents(context.canvasElement, [
      'identify',
      [
        'Component Loaded',
        {
          conversationId: STORY_CONVERSATION_ID,
          messageId: 'answer-2',
          type: 'Stock List',
          symbols: 'NVDA,AAPL,MSFT,GOOGL',
        },
      ],
      ['Action Invoked', { messageId: 'answer-2', type: 'Stock Price Lookup', action: 'show AAPL', role: 'customer' }],
    ])
  },
}
