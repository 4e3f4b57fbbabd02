import type { Preview } from '@storybook/react-vite'
import { STORY_CONVERSATION_ID } from '../stories/support/AnalyticsArgs'
import { createStoryRecorder } from '../stories/support/createStoryRecorder'
import { RECORDER_KEY } from '../stories/support/recorderOf'
import { withCopilotAnalytics } from './addon/withCopilotAnalytics'
import './preview.css'

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined

const preview: Preview = {
  // a fresh recording client before each render of each story: no event leaks from one story to the next
  loaders: [
    ({ args }) => ({
      [RECORDER_KEY]: createStoryRecorder({ conversationId: text(args.conversationId), userId: text(args.userId) }),
    }),
  ],
  decorators: [withCopilotAnalytics],
  args: { conversationId: STORY_CONVERSATION_ID, userId: '' },
  argTypes: {
    conversationId: {
      control: 'text',
      description: 'The conversation the story runs in (controlled `conversationId` of the provider).',
      table: { category: 'Analytics' },
    },
    userId: {
      control: 'text',
      description: 'A signed-in user; empty for an anonymous visitor.',
      table: { category: 'Analytics' },
    },
  },
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  tags: ['autodocs'],
}

export default preview
