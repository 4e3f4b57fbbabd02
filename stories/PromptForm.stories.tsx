import type { Meta, StoryObj } from '@storybook/react-vite'
import { STORY_ANONYMOUS_ID, STORY_CONVERSATION_ID } from 'copilot-analytics/storybook/annotations'
import { expectEvents } from 'copilot-analytics/storybook/test'
import { expect, fn } from 'storybook/test'
import { PromptForm } from './widgets/PromptForm'

const meta = {
  title: 'Widgets/Prompt form',
  component: PromptForm,
  args: { onSend: fn() },
} satisfies Meta<typeof PromptForm>

export default meta
type Story = StoryObj<typeof meta>

const QUESTION = 'What’s the best stock in the Nasdaq right now?'

/** The first message of a conversation: Conversation Started, then Message Sent. */
export const FirstMessage: Story = {
  play: async (context) => {
    const { canvas, userEvent, args } = context
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), QUESTION)
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }))

    const [, , sent] = await expectEvents(context.canvasElement, [
      ['identify', { anonymousId: STORY_ANONYMOUS_ID, userId: null }],
      ['Conversation Started', { conversationId: STORY_CONVERSATION_ID }],
      ['Message Sent', { conversationId: STORY_CONVERSATION_ID, message_body: QUESTION, role: 'customer' }],
    ])
    const messageId = sent?.type === 'track' ? sent.properties.messageId : undefined
    expect(messageId).toEqual(expect.any(String))
    await expect(args.onSend).toHaveBeenCalledWith(QUESTION, messageId)
    await expect(canvas.getByRole('textbox', { name: 'Message' })).toHaveValue('')
  },
}

/** Every user message is a Message Sent; Conversation Started only before the first. */
export const FollowUp: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context
    const input = canvas.getByRole('textbox', { name: 'Message' })
    await userEvent.type(input, 'Show me NVDA{Enter}')
    await userEvent.type(input, 'And AAPL?{Enter}')

    const [, , first, second] = await expectEvents(context.canvasElement, [
      'identify',
      'Conversation Started',
      ['Message Sent', { message_body: 'Show me NVDA' }],
      ['Message Sent', { message_body: 'And AAPL?' }],
    ])
    const idOf = (event: typeof first) => (event?.type === 'track' ? event.properties.messageId : undefined)
    expect(idOf(first)).not.toEqual(idOf(second))
  },
}

/** An empty prompt sends nothing: only the visitor's anonymous identify is recorded. */
export const EmptyPromptSendsNothing: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), '   ')
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled()
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), '{Enter}')
    await expectEvents(context.canvasElement, ['identify'])
  },
}
