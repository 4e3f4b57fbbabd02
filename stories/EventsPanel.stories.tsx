import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, within } from 'storybook/test'
import { EventsList } from '../.storybook/addon/EventsList'
import type { RecordedEvent } from './support/createStoryRecorder'

const record = (index: number, name: string, extra: Partial<RecordedEvent> = {}): RecordedEvent => ({
  index,
  name,
  type: name === 'identify' ? 'identify' : 'track',
  properties: {},
  userId: null,
  anonymousId: 'anon-storybook',
  status: 'sent',
  problems: [],
  timestamp: `2026-01-01T00:00:0${index}.000Z`,
  ...extra,
})

const meta = {
  title: 'Addon/Analytics events panel',
  component: EventsList,
  args: {
    onClear: fn(),
    records: [
      record(1, 'identify'),
      record(2, 'Message Sent', {
        properties: {
          conversationId: 'conv-storybook',
          messageId: 'm-1',
          message_body: 'Show me NVDA',
          role: 'customer',
        },
      }),
      record(3, 'Feedback Submitted', {
        properties: { conversationId: 'conv-storybook', rating: 'great' },
        problems: [{ field: 'rating', message: 'must be a number, got string' }],
      }),
    ],
  },
} satisfies Meta<typeof EventsList>

export default meta
type Story = StoryObj<typeof meta>

/** What the panel shows: each event with its properties and the validator's verdict; Clear empties it. */
export const WithEvents: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByText('3 events, 1 not matching the spec')).toBeVisible()
    const sent = within(canvas.getByRole('listitem', { name: 'Message Sent' }))
    await expect(sent.getByText('✓ matches the spec')).toBeVisible()
    await expect(sent.getByText(/"message_body": "Show me NVDA"/)).toBeVisible()
    const invalid = within(canvas.getByRole('listitem', { name: 'Feedback Submitted' }))
    await expect(invalid.getByText('✗ rating: must be a number, got string')).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Clear' }))
    await expect(args.onClear).toHaveBeenCalledOnce()
  },
}

/** Before the story fires anything. */
export const Empty: Story = {
  args: { records: [] },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('No events yet: interact with the story.')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Clear' })).toBeDisabled()
  },
}
