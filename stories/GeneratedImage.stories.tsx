import type { Meta, StoryObj } from '@storybook/react-vite'
import { STORY_CONVERSATION_ID } from 'copilot-analytics/storybook/annotations'
import { expectEvents } from 'copilot-analytics/storybook/test'
import { expect, waitFor } from 'storybook/test'
import { GeneratedImage } from './widgets/GeneratedImage'

const meta = {
  title: 'Generated components/Generated image',
  component: GeneratedImage,
  args: { prompt: 'A bull market at sunrise', messageId: 'answer-4' },
} satisfies Meta<typeof GeneratedImage>

export default meta
type Story = StoryObj<typeof meta>

/** Once the image has loaded: Media Generated, an agent's png. */
export const Image: Story = {
  play: async (context) => {
    const { canvas } = context
    const image = await canvas.findByRole('img', { name: 'Generated: A bull market at sunrise' })
    await waitFor(() => expect((image as HTMLImageElement).naturalWidth).toBe(192))
    await expectEvents(context.canvasElement, [
      'identify',
      [
        'Media Generated',
        {
          conversationId: STORY_CONVERSATION_ID,
          messageId: 'answer-4',
          type: 'image',
          sub_type: 'png',
          role: 'agent',
          prompt: 'A bull market at sunrise',
        },
      ],
    ])
  },
}
