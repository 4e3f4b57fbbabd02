import type { ComponentType } from 'react'
import type { Args, LoaderFunction, Renderer, StoryContext } from 'storybook/internal/types'
import { nonEmptyString } from '../shared/guards'
import { AnalyticsHarness } from './AnalyticsHarness'
import { type CopilotAnalyticsParameters, STORY_CONVERSATION_ID } from './CopilotAnalyticsParameters'
import { PARAM_KEY } from './constants'
import { createStoryRecorder, type StoryRecorder } from './createStoryRecorder'
import { attachRecorder } from './recorderOf'

type Context = Pick<StoryContext<Renderer, Args>, 'id' | 'args' | 'parameters' | 'canvasElement'> & {
  loaded?: Record<string, unknown>
}

/** The value when it is a usable string, else undefined. */
const text = (value: unknown): string | undefined => (nonEmptyString(value) ? value : undefined)

const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined

/** The story's settings: its parameters, overridden by the args of the same names set from Controls. */
export function settingsOf(context: Pick<Context, 'args' | 'parameters'>): CopilotAnalyticsParameters {
  const parameters = (context.parameters?.[PARAM_KEY] ?? {}) as CopilotAnalyticsParameters
  const args = context.args ?? {}
  const consent = oneOf(args.consent, ['granted', 'pending', 'denied'] as const) ?? parameters.consent
  const messageBody = oneOf(args.messageBody, ['full', 'redact', 'omit'] as const) ?? parameters.messageBody
  // an empty userId control means an anonymous visitor, even when a parameter names a user
  const userId = typeof args.userId === 'string' ? text(args.userId) : text(parameters.userId)
  return {
    ...parameters,
    conversationId: text(args.conversationId) ?? text(parameters.conversationId) ?? STORY_CONVERSATION_ID,
    ...(userId ? { userId } : { userId: '' }),
    ...(consent ? { consent } : {}),
    ...(messageBody ? { messageBody } : {}),
  }
}

/**
 * The addon's loader: a fresh recording client before each render of each story (args changes included), so
 * no event leaks from one story, or one control change, to the next. Linked to the story's canvas for the
 * play helpers.
 */
export const loadStoryRecorder: LoaderFunction<Renderer, Args> = (context) => {
  const settings = settingsOf(context)
  if (settings.disable) return {}
  const recorder = createStoryRecorder(context.id, settings)
  attachRecorder(context.canvasElement, recorder)
  return { [PARAM_KEY]: recorder }
}

/**
 * The addon's decorator: every story renders inside `<CopilotAnalyticsProvider>` with the recording client the
 * loader made, in the story's conversation. A story with `parameters.copilotAnalytics.disable` renders bare.
 */
export const withCopilotAnalytics = (Story: ComponentType, context: Context) => {
  const recorder = context.loaded?.[PARAM_KEY] as StoryRecorder | undefined
  return (
    <AnalyticsHarness storyId={context.id} recorder={recorder} conversationId={settingsOf(context).conversationId}>
      <Story />
    </AnalyticsHarness>
  )
}
