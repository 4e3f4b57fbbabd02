/** @jsxRuntime classic */
/** @jsx React.createElement */
// the manager's React is a global without `react/jsx-runtime`: this file compiles to React.createElement
// biome-ignore lint/correctness/noUnusedImports: used by the compiled JSX
import React, { type ReactNode, useEffect, useState } from 'react'
import { AddonPanel } from 'storybook/internal/components'
import { useChannel, useStorybookState } from 'storybook/manager-api'
import { CHANNEL } from './constants'
import { EventsList } from './EventsList'
import type { AssertionResult, StoryEventsMessage } from './StoryEvent'

/** The manager side of the panel: holds the latest list the preview sent for the current story. */
export function EventsPanel({ active }: { active: boolean }): ReactNode {
  const { storyId } = useStorybookState()
  const [message, setMessage] = useState<StoryEventsMessage | undefined>()
  const [assertion, setAssertion] = useState<AssertionResult | undefined>()
  const emit = useChannel({
    [CHANNEL.events]: (next: StoryEventsMessage) => setMessage(next),
    [CHANNEL.assertion]: (next: AssertionResult) => setAssertion(next),
  })
  // ask for the list when the panel mounts and when the story changes (`emit` is a new function on every render)
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the story only
  useEffect(() => emit(CHANNEL.request), [storyId])
  const current = message?.storyId === storyId ? message : undefined
  return (
    <AddonPanel active={active}>
      <EventsList
        events={current?.events ?? []}
        assertion={assertion?.storyId === storyId ? assertion : undefined}
        disabled={current?.disabled ?? false}
        onClear={() => {
          setAssertion(undefined)
          emit(CHANNEL.clear)
        }}
      />
    </AddonPanel>
  )
}
