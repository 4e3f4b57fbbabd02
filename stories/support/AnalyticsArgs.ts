/** The args every story has (see `.storybook/preview.tsx`): the conversation and the user it runs with. */
export interface AnalyticsArgs {
  /** Controlled conversation ID of the provider. */
  conversationId?: string
  /** A signed-in user; empty for an anonymous visitor. */
  userId?: string
}

/** The default conversation of every story, so plays can assert it. */
export const STORY_CONVERSATION_ID = 'conv-storybook'
