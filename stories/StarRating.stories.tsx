import type { Meta, StoryObj } from '@storybook/react-vite'
import { STORY_CONVERSATION_ID } from 'copilot-analytics/storybook/annotations'
import { expectEvents } from 'copilot-analytics/storybook/test'
import { expect } from 'storybook/test'
import { StarRating } from './widgets/StarRating'

const meta = {
  title: 'Widgets/Star rating',
  component: StarRating,
} satisfies Meta<typeof StarRating>

export default meta
type Story = StoryObj<typeof meta>

/** Rating the whole conversation: Feedback Submitted with 4 and no messageId. */
export const RateConversation: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context
    await userEvent.click(canvas.getByRole('radio', { name: '4 stars' }))
    await expect(canvas.getByRole('radio', { name: '4 stars' })).toBeChecked()
    const [, feedback] = await expectEvents(context.canvasElement, [
      'identify',
      ['Feedback Submitted', { conversationId: STORY_CONVERSATION_ID, rating: 4 }],
    ])
    expect(feedback?.type === 'track' && 'messageId' in feedback.properties).toBe(false)
  },
}

/** Rating one answer: its messageId is on the event. */
export const RateAnswer: Story = {
  args: { messageId: 'answer-7', label: 'Rate this answer' },
  play: async (context) => {
    const { canvas, userEvent } = context
    await userEvent.click(canvas.getByRole('radio', { name: '1 star' }))
    await expectEvents(context.canvasElement, [
      'identify',
      ['Feedback Submitted', { messageId: 'answer-7', rating: 1 }],
    ])
  },
}
