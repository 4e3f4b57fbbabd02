// the manager bundles addons with the classic JSX transform (React.createElement), so React must be in scope
// biome-ignore lint/correctness/noUnusedImports: used by the compiled JSX
import React, { type ReactNode, useEffect, useState } from 'react'
import { AddonPanel } from 'storybook/internal/components'
import { useChannel } from 'storybook/manager-api'
import type { RecordedEvent } from '../../stories/support/createStoryRecorder'
import { CHANNEL } from './constants'
import { EventsList } from './EventsList'

/** The manager side of the panel: holds the latest list the preview sent, asks for it on mount. */
export function EventsPanel({ active }: { active: boolean }): ReactNode {
  const [records, setRecords] = useState<readonly RecordedEvent[]>([])
  const emit = useChannel({ [CHANNEL.records]: (next: RecordedEvent[]) => setRecords(next) })
  // once per mount: `emit` is a new function on every render
  // biome-ignore lint/correctness/useExhaustiveDependencies: ask for the list once, when the panel mounts
  useEffect(() => emit(CHANNEL.request), [])
  return (
    <AddonPanel active={active}>
      <EventsList records={records} onClear={() => emit(CHANNEL.clear)} />
    </AddonPanel>
  )
}
