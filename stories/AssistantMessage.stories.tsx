import type { Meta, StoryObj } from '@storybook/react-vite'
import { STORY_CONVERSATION_ID } from 'copilot-analytics/storybook/annotations'
import { expectEvents } from 'copilot-analytics/storybook/test'
import { expect, fn, waitFor } from 'storybook/test'
import { AssistantMessage } from './widgets/AssistantMessage'

const ANSWER =
  'NVIDIA (NVDA) leads the Nasdaq today, up 2.31% at $182.40 on strong data-centre demand. ' +
  'Apple (AAPL) is slightly down. Would you like to see a chart?'

const meta = {
  title: 'Widgets/Assistant message',
  component: AssistantMessage,
  args: { body: ANSWER, messageId: 'answer-1', streamDelayMs: 15, onComplete: fn() },
} satisfies Meta<typeof AssistantMessage>

export default meta
type Story = StoryObj<typeof meta>

/** The answer streams in word by word; Message Received is sent once, when it is complete. */
export const StreamedAnswer: Story = {
  play: async (context) => {
    const { canvas, args } = context
    const bubble = canvas.getByLabelText('Assistant message')
    await waitFor(() => expect(bubble).toHaveAttribute('aria-busy', 'false'), { timeout: 5000 })
    await expect(bubble).toHaveTextContent(ANSWER)
    await expectEvents(context.canvasElement, [
      'identify',
      [
        'Message Received',
        { conversationId: STORY_CONVERSATION_ID, messageId: 'answer-1', message_body: ANSWER, role: 'agent' },
      ],
    ])
    await expect(args.onComplete).toHaveBeenCalledOnce()
    await expect(args.onComplete).toHaveBeenCalledWith('answer-1')
  },
}

/** An answer shown at once (not streamed): the same single Message Received. */
export const Instant: Story = {
  args: { streamDelayMs: 0, body: 'Done: your watchlist now has NVDA.', messageId: 'answer-2' },
  play: async (context) => {
    await expectEvents(context.canvasElement, [
      'identify',
      [
        'Message Received',
        { messageId: 'answer-2', message_body: 'Done: your watchlist now has NVDA.', role: 'agent' },
      ],
    ])
  },
}
