/**
 * copilot-analytics/storybook/test: assertions on the events a story fired, for `play` functions and the Vitest
 * addon. `await expectEvents(canvasElement, [['Feedback Submitted', { rating: 1 }]])`.
 */
import { addons } from 'storybook/preview-api'
import { CHANNEL } from './constants'
import type { StoryRecorder } from './createStoryRecorder'
import { type ExpectEventsOptions, type ExpectedStoryEvent, type MatchResult, matchEvents } from './matchEvents'
import { recorderOf } from './recorderOf'
import type { AssertionResult, StoryEvent } from './StoryEvent'

export type { ExpectEventsOptions, ExpectedStoryEvent } from './matchEvents'
export type { StoryEvent } from './StoryEvent'

const recorder = (canvasElement: unknown, helper: string): StoryRecorder => {
  const found = recorderOf(canvasElement)
  if (found) return found
  throw new Error(
    `${helper}: no Copilot analytics for this canvas. Pass the play function's canvasElement, list ` +
      `'copilot-analytics/storybook' in the addons of .storybook/main, and do not disable the addon for this story.`,
  )
}

/** Every event the story fired so far (sent, held or dropped), with its status and the validator's verdict. */
export function getEvents(canvasElement: unknown): StoryEvent[] {
  return [...recorder(canvasElement, 'getEvents').events]
}

/** Forgets the story's events, e.g. after a setup step, so the next `expectEvents` sees only what follows. */
export function clearEvents(canvasElement: unknown): void {
  recorder(canvasElement, 'clearEvents').clear()
}

const report = (storyId: string, result: MatchResult) => {
  if (!addons.hasChannel()) return
  const message: AssertionResult = { storyId, pass: result.pass, message: result.message }
  addons.getChannel().emit(CHANNEL.assertion, message)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Waits (up to `timeout`, 3 s by default) until the story has sent `expected` in this order, each with at least
 * the given properties (the testing matchers' partial matching), and checks the spec validator found no problem
 * in them. Throws a readable error listing what was sent otherwise. The result shows in the Analytics events panel.
 * Resolves with the story's events.
 *
 * ```ts
 * play: async ({ canvas, canvasElement, userEvent }) => {
 *   await userEvent.click(canvas.getByRole('button', { name: 'Thumbs up' }))
 *   await expectEvents(canvasElement, [['Feedback Submitted', { rating: 1 }]])
 * }
 * ```
 */
export async function expectEvents(
  canvasElement: unknown,
  expected: readonly ExpectedStoryEvent[],
  options: ExpectEventsOptions = {},
): Promise<StoryEvent[]> {
  const story = recorder(canvasElement, 'expectEvents')
  const deadline = Date.now() + (options.timeout ?? 3000)
  let result = matchEvents(story.events, expected, options)
  while (!result.pass && Date.now() < deadline) {
    await sleep(25)
    result = matchEvents(story.events, expected, options)
  }
  report(story.storyId, result)
  if (!result.pass) {
    const error = new Error(result.message)
    error.name = 'ExpectEventsError'
    throw error
  }
  return [...story.events]
}
