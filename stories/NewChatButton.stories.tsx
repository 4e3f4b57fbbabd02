import type { Meta, StoryObj } from '@storybook/react-vite'
import { STORY_CONVERSATION_ID } from 'copilot-analytics/storybook/annotations'
import { expectEvents } from 'copilot-analytics/storybook/test'
import { expect, fn } from 'storybook/test'
import { NewChatButton } from './widgets/NewChatButton'
import { PromptForm } from './widgets/PromptForm'

const meta = {
  title: 'Widgets/New chat button',
  component: NewChatButton,
  args: { onNewChat: fn() },
  // with a prompt beside it, so there is a conversation to end
  render: (args) => (
    <div style={{ display: 'grid', gap: 8 }}>
      <NewChatButton {...args} />
      <PromptForm />
    </div>
  ),
} satisfies Meta<typeof NewChatButton>

export default meta
type Story = StoryObj<typeof meta>

/** Conversation Ended with `message_count`; the next message opens a new conversation. */
export const EndAndStartNew: Story = {
  play: async (context) => {
    const { canvas, userEvent, args } = context
    const input = canvas.getByRole('textbox', { name: 'Message' })
    await userEvent.type(input, 'Show me NVDA{Enter}')
    await expect(canvas.getByLabelText('Conversation')).toHaveTextContent('1 message')
    await userEvent.click(canvas.getByRole('button', { name: 'New chat' }))
    await expect(args.onNewChat).toHaveBeenCalledOnce()
    await expect(canvas.getByLabelText('Conversation')).toHaveTextContent('0 messages · not started')
    await userEvent.type(input, 'Hello again{Enter}')

    const events = await expectEvents(context.canvasElement, [
      'identify',
      ['Conversation Started', { conversationId: STORY_CONVERSATION_ID }],
      ['Message Sent', { conversationId: STORY_CONVERSATION_ID }],
      ['Conversation Ended', { conversationId: STORY_CONVERSATION_ID, message_count: 1 }],
      'Conversation Started',
      'Message Sent',
    ])
    const conversationOf = (index: number) => {
      const event = events[index]
      return event?.type === 'track' ? event.properties.conversationId : undefined
    }
    const next = conversationOf(4)
    expect(next).toEqual(expect.any(String))
    expect(next).not.toBe(STORY_CONVERSATION_ID)
    expect(conversationOf(5)).toBe(next)
    expect(args.onNewChat).toHaveBeenCalledWith(next)
  },
}

/** A conversation with no message never started: a new chat sends no Conversation Ended. */
export const NothingToEnd: Story = {
  play: async (context) => {
    const { canvas, userEvent, args } = context
    await userEvent.click(canvas.getByRole('button', { name: 'New chat' }))
    await expect(args.onNewChat).toHaveBeenCalledOnce()
    await expectEvents(context.canvasElement, ['identify'])
  },
}
