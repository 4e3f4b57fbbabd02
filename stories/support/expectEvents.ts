import { expect, waitFor } from 'storybook/test'
import type { CopilotEvent } from '../../src/core'
import { recorderOf } from './recorderOf'

type Context = { readonly loaded: Record<string, unknown> }

/** One expected event: its name (`identify` for identify calls) and the properties (or traits) it must include. */
export type ExpectedEvent = string | readonly [name: string, properties: Record<string, unknown>]

/** The name a story assertion uses for an event: the track event's name, or `identify`. */
export const nameOf = (event: CopilotEvent): string => (event.type === 'track' ? event.event : 'identify')

/** What a sent event carries: track properties, or identify traits with the identity. */
export const payloadOf = (event: CopilotEvent): Record<string, unknown> =>
  event.type === 'track' ? event.properties : { ...event.traits, userId: event.userId, anonymousId: event.anonymousId }

/** The events the story's memory destination received so far, as `[name, payload]` pairs. */
export const sentEvents = (context: Context): [string, Record<string, unknown>][] =>
  recorderOf(context).events.map((event) => [nameOf(event), payloadOf(event)])

/**
 * Waits (up to 3 s) until the story's memory destination holds exactly `expected`, in order: the same names,
 * each with at least the given properties. Then checks that the spec validator found no problem in any of them.
 * Returns the sent events for further checks.
 */
export async function expectEvents(context: Context, expected: readonly ExpectedEvent[]) {
  const want = expected.map((item) => (typeof item === 'string' ? [item, {}] : item))
  await waitFor(
    () => {
      const sent = sentEvents(context)
      expect(sent.map(([name]) => name)).toEqual(want.map(([name]) => name))
      for (const [index, [, properties]] of want.entries()) expect(sent[index]?.[1]).toMatchObject(properties)
    },
    { timeout: 3000 },
  )
  const problems = recorderOf(context).records.flatMap((record) =>
    record.problems.map((problem) => `${record.name}.${problem.field}: ${problem.message}`),
  )
  expect(problems).toEqual([])
  return recorderOf(context).events
}
