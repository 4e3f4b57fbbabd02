/**
 * copilot-analytics/storybook/annotations: the addon's preview annotations (the preset adds them for you).
 * Import them yourself only to compose stories outside Storybook:
 * `setProjectAnnotations([copilotAnalytics, preview])` with `import * as copilotAnalytics from '…/annotations'`.
 */
import type { ArgTypes } from 'storybook/internal/types'
import { PARAM_KEY } from './constants'
import { loadStoryRecorder, withCopilotAnalytics } from './withCopilotAnalytics'

export type { CopilotAnalyticsArgs, CopilotAnalyticsParameters } from './CopilotAnalyticsParameters'
export { STORY_ANONYMOUS_ID, STORY_CONVERSATION_ID } from './CopilotAnalyticsParameters'
export { loadStoryRecorder, withCopilotAnalytics }

/** Every story is wrapped in the provider with a fresh in-memory client. */
export const decorators = [withCopilotAnalytics]
export const loaders = [loadStoryRecorder]

const table = { category: 'Analytics' }

/** Controls for the story's analytics settings; each overrides `parameters.copilotAnalytics`. */
export const argTypes: ArgTypes = {
  conversationId: {
    control: 'text',
    description: 'The conversation the story runs in (default: `conv-storybook`).',
    table,
  },
  userId: { control: 'text', description: 'A known user; empty for an anonymous visitor.', table },
  consent: {
    control: 'inline-radio',
    options: ['granted', 'pending', 'denied'],
    description: 'Consent to analytics: pending holds events, denied drops them.',
    table,
  },
  messageBody: {
    control: 'inline-radio',
    options: ['full', 'redact', 'omit'],
    description: 'How `message_body` leaves the app.',
    table,
  },
}

export const parameters = { [PARAM_KEY]: {} }
