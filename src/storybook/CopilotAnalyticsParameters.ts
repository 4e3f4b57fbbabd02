import type { ConsentState, MessageBodyMode, SampleRates } from '../core/types'
import type { SpecEvent } from '../spec'

/**
 * `parameters.copilotAnalytics` of a story, a component's meta or `.storybook/preview.ts`. The args of the same
 * names (`conversationId`, `userId`, `consent`, `messageBody`) override them from the Controls panel.
 */
export interface CopilotAnalyticsParameters {
  /** Render the story without the provider and without recording (e.g. a component that brings its own). */
  disable?: boolean
  /** The conversation the story runs in (controlled, as the `conversationId` prop of the provider). */
  conversationId?: string
  /** A known user; leave it out (or empty) for an anonymous visitor. */
  userId?: string
  /** Traits sent with the identify call. */
  traits?: Record<string, unknown>
  /** The anonymous ID the story starts with. @default 'anon-storybook' */
  anonymousId?: string
  /** Consent: `pending` holds events, `denied` drops them. @default 'granted' */
  consent?: ConsentState
  /** How message bodies are sent: `full`, `redact`, `omit` or your own function. @default 'full' */
  messageBody?: MessageBodyMode
  /** Your app's tracking plan (`defineTrackingPlan`): its custom events are validated like the spec's. */
  plan?: Readonly<Record<string, SpecEvent>>
  /** Sampling rates, as the client option; sampled-out events show as "sampled out". */
  sample?: SampleRates
  /** `strict` drops events that do not match the spec or plan. @default 'warn' */
  validate?: 'warn' | 'strict'
}

/** The args the addon adds to every story (category "Analytics" in Controls). */
export interface CopilotAnalyticsArgs {
  conversationId?: string
  /** Empty for an anonymous visitor. */
  userId?: string
  consent?: ConsentState
  messageBody?: 'full' | 'redact' | 'omit'
}

/** The conversation every story runs in unless a parameter or arg says otherwise. */
export const STORY_CONVERSATION_ID = 'conv-storybook'
/** The anonymous ID every story starts with. */
export const STORY_ANONYMOUS_ID = 'anon-storybook'
