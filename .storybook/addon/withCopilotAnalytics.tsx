import type { Decorator } from '@storybook/react-vite'
import { recorderOf } from '../../stories/support/recorderOf'
import { AnalyticsHarness } from './AnalyticsHarness'

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined

/**
 * The global decorator: every story renders inside `<CopilotAnalyticsProvider>` with the fresh recording client
 * its loader made, the story's `conversationId` and `userId` args applied.
 */
export const withCopilotAnalytics: Decorator = (Story, context) => (
  <AnalyticsHarness
    recorder={recorderOf(context)}
    conversationId={text(context.args.conversationId)}
    userId={text(context.args.userId)}
  >
    <Story />
  </AnalyticsHarness>
)
