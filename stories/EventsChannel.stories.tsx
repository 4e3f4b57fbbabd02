import type { Meta, StoryObj } from '@storybook/react-vite'
import { getEvents } from 'copilot-analytics/storybook/test'
import { addons } from 'storybook/preview-api'
import { expect, waitFor } from 'storybook/test'
import { CHANNEL } from '../src/storybook/constants'
import type { StoryEventsMessage } from '../src/storybook/StoryEvent'
import { PromptForm } from './widgets/PromptForm'

const meta = {
  title: 'Addon/Preview channel',
  component: PromptForm,
} satisfies Meta<typeof PromptForm>

export default meta
type Story = StoryObj<typeof meta>

/**
 * The preview side of the Analytics events panel, over Storybook's real channel: every event reaches the panel
 * as it fires, a panel that mounts late asks for the list, and the panel's Clear empties the story's recorder.
 */
export const LiveListAndClear: Story = {
  play: async ({ canvas, canvasElement, userEvent, id }) => {
    const channel = addons.getChannel()
    const received: StoryEventsMessage[] = []
    const onEvents = (message: StoryEventsMessage) => received.push(message)
    channel.on(CHANNEL.events, onEvents)
    try {
      await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Show me NVDA{Enter}')
      const names = (message: StoryEventsMessage | undefined) => message?.events.map((event) => event.name)
      // live: one update per event, each the whole list so far, for this story
      await waitFor(() =>
        expect(received.map(names).slice(-2)).toEqual([
          ['identify', 'Conversation Started'],
          ['identify', 'Conversation Started', 'Message Sent'],
        ]),
      )
      expect(received.at(-1)?.storyId).toBe(id)
      expect(received.at(-1)?.events.at(-1)).toMatchObject({
        index: 3,
        status: 'sent',
        problems: [],
        properties: { message_body: 'Show me NVDA' },
      })

      received.length = 0
      channel.emit(CHANNEL.request)
      await waitFor(() => expect(names(received.at(-1))).toEqual(['identify', 'Conversation Started', 'Message Sent']))

      channel.emit(CHANNEL.clear)
      await waitFor(() => expect(received.at(-1)?.events).toEqual([]))
      expect(getEvents(canvasElement)).toHaveLength(0)
    } finally {
      channel.off(CHANNEL.events, onEvents)
    }
  },
}
