import type { Meta, StoryObj } from '@storybook/react-vite'
import { addons } from 'storybook/preview-api'
import { expect, waitFor } from 'storybook/test'
import { CHANNEL } from '../.storybook/addon/constants'
import type { RecordedEvent } from './support/createStoryRecorder'
import { recorderOf } from './support/recorderOf'
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
  play: async (context) => {
    const { canvas, userEvent } = context
    const channel = addons.getChannel()
    const received: RecordedEvent[][] = []
    const onRecords = (records: RecordedEvent[]) => received.push(records)
    channel.on(CHANNEL.records, onRecords)
    try {
      await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Show me NVDA{Enter}')
      const names = (records: RecordedEvent[] | undefined) => records?.map((record) => record.name)
      // live: one update per event, each the whole list so far
      await waitFor(() =>
        expect(received.map(names).slice(-2)).toEqual([
          ['identify', 'Conversation Started'],
          ['identify', 'Conversation Started', 'Message Sent'],
        ]),
      )
      const last = received.at(-1)?.at(-1)
      expect(last).toMatchObject({
        index: 3,
        status: 'sent',
        problems: [],
        properties: { message_body: 'Show me NVDA' },
      })

      received.length = 0
      channel.emit(CHANNEL.request)
      await waitFor(() => expect(names(received.at(-1))).toEqual(['identify', 'Conversation Started', 'Message Sent']))

      channel.emit(CHANNEL.clear)
      await waitFor(() => expect(received.at(-1)).toEqual([]))
      expect(recorderOf(context).events).toHaveLength(0)
    } finally {
      channel.off(CHANNEL.records, onRecords)
    }
  },
}
