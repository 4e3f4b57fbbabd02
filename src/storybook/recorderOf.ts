import type { StoryRecorder } from './createStoryRecorder'

// a global symbol, not a module-level map: the preview annotations and the play helpers may be bundled as two
// copies of this module (a dev server pre-bundles dependencies one by one), and both must find the same recorder
const RECORDER = Symbol.for('copilot-analytics.storybook.recorder')

type WithRecorder = { [RECORDER]?: StoryRecorder }

/** Links the story's canvas to the recorder its loader made, so `expectEvents(canvasElement)` finds it. */
export function attachRecorder(canvasElement: unknown, recorder: StoryRecorder): void {
  if (typeof canvasElement === 'object' && canvasElement !== null) (canvasElement as WithRecorder)[RECORDER] = recorder
}

/** The recorder of the story rendered in `canvasElement`, if the addon wraps that story. */
export function recorderOf(canvasElement: unknown): StoryRecorder | undefined {
  if (typeof canvasElement !== 'object' || canvasElement === null) return undefined
  return (canvasElement as WithRecorder)[RECORDER]
}
