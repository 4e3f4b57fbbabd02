import type { Meta, StoryObj } from '@storybook/react-vite'
import { STORY_CONVERSATION_ID } from 'copilot-analytics/storybook/annotations'
import { expectEvents } from 'copilot-analytics/storybook/test'
import { expect } from 'storybook/test'
import { ThumbsFeedback } from './widgets/ThumbsFeedback'

const meta = {
  title: 'Widgets/Thumbs feedback',
  component: ThumbsFeedback,
  args: { messageId: 'answer-1' },
} satisfies Meta<typeof ThumbsFeedback>

export default meta
type Story = StoryObj<typeof meta>

/** Thumbs up is rating 1, on the answer's messageId. */
export const ThumbsUp: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context
    await userEvent.click(canvas.getByRole('button', { name: 'Thumbs up' }))
    await expect(canvas.getByRole('button', { name: 'Thumbs up' })).toHaveAttribute('aria-pressed', 'true')
    await expectEvents(context.canvasElement, [
      'identify',
      ['Feedback Submitted', { conversationId: STORY_CONVERSATION_ID, messageId: 'answer-1', rating: 1 }],
    ])
  },
}

/** Changing one's mind sends a second event: the latest rating wins in analysis. */
export const ChangedMind: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context
    await userEvent.click(canvas.getByRole('button', { name: 'Thumbs up' }))
    await userEvent.click(canvas.getByRole('button', { name: 'Thumbs down' }))
    await expect(canvas.getByRole('button', { name: 'Thumbs down' })).toHaveAttribute('aria-pressed', 'true')
    await expect(canvas.getByRole('button', { name: 'Thumbs up' })).toHaveAttribute('aria-pressed', 'false')
    await expectEvents(context.canvasElement, [
      'identify',
      ['Feedback Submitted', { messageId: 'answer-1', rating: 1 }],
      ['Feedback Submitted', { messageId: 'answer-1', rating: -1 }],
    ])
  },
}
