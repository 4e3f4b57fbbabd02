import type { StoryRecorder } from './createStoryRecorder'

/** The key under which the global loader puts the story's recorder in `context.loaded`. */
export const RECORDER_KEY = 'copilotAnalytics'

/**
 * The recording client of the story being rendered or played, made fresh by the global loader
 * (`.storybook/preview.tsx`) before each render. Throws when the loader did not run: a setup error, not a test result.
 */
export function recorderOf(context: { readonly loaded: Record<string, unknown> }): StoryRecorder {
  const recorder = context.loaded[RECORDER_KEY] as StoryRecorder | undefined
  if (!recorder) throw new Error('No story recorder: is the global loader of .storybook/preview.tsx applied?')
  return recorder
}
