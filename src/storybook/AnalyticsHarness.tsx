import { type ReactNode, useEffect } from 'react'
import { addons } from 'storybook/preview-api'
import { CopilotAnalyticsProvider } from '../react/CopilotAnalyticsProvider'
import { CHANNEL } from './constants'
import type { StoryRecorder } from './createStoryRecorder'
import type { StoryEventsMessage } from './StoryEvent'

/** Props of {@link AnalyticsHarness}. */
export interface AnalyticsHarnessProps {
  storyId: string
  /** The story's recorder; none when the story opted out. */
  recorder: StoryRecorder | undefined
  /** The story's conversation: controlled, as an app passing it from its route. */
  conversationId?: string | undefined
  children?: ReactNode
}

// no channel when a story renders outside Storybook's UI (composeStories in a plain test)
const channel = () => (addons.hasChannel() ? addons.getChannel() : null)

/**
 * Wraps a story in the provider with the story's recording client and keeps the Analytics events panel in step:
 * every change sends the whole list, and the panel can ask for it again or clear it.
 */
export function AnalyticsHarness({ storyId, recorder, conversationId, children }: AnalyticsHarnessProps): ReactNode {
  useEffect(() => {
    const bus = channel()
    if (!bus) return
    const publish = () => {
      const message: StoryEventsMessage = recorder
        ? { storyId, events: [...recorder.events] }
        : { storyId, events: [], disabled: true }
      bus.emit(CHANNEL.events, message)
    }
    const clear = () => recorder?.clear()
    publish()
    const unsubscribe = recorder?.subscribe(publish)
    bus.on(CHANNEL.clear, clear)
    bus.on(CHANNEL.request, publish)
    return () => {
      unsubscribe?.()
      bus.off(CHANNEL.clear, clear)
      bus.off(CHANNEL.request, publish)
    }
  }, [storyId, recorder])

  if (!recorder) return children
  return (
    <CopilotAnalyticsProvider client={recorder.client} {...(conversationId ? { conversationId } : {})}>
      {children}
    </CopilotAnalyticsProvider>
  )
}
