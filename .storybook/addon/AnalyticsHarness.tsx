import { type ReactNode, useEffect } from 'react'
import { addons } from 'storybook/preview-api'
import { CopilotAnalyticsProvider } from '../../src/react'
import type { StoryRecorder } from '../../stories/support/createStoryRecorder'
import { CHANNEL } from './constants'

/** Props of {@link AnalyticsHarness}. */
export interface AnalyticsHarnessProps {
  recorder: StoryRecorder
  /** The story's conversation (arg `conversationId`): controlled, so changing the control switches it. */
  conversationId?: string | undefined
  /** The story's signed-in user (arg `userId`): changing the control identifies them. */
  userId?: string | undefined
  children?: ReactNode
}

// the channel is missing when a story renders outside Storybook's UI (composeStories in a plain test)
const channel = () => (addons.hasChannel() ? addons.getChannel() : null)

/**
 * Wraps a story in the provider with the story's recording client and keeps the Analytics events panel
 * in step: every change sends the whole list (small, and a late-mounted panel needs no replay logic).
 */
export function AnalyticsHarness({ recorder, conversationId, userId, children }: AnalyticsHarnessProps): ReactNode {
  useEffect(() => {
    const bus = channel()
    if (!bus) return
    const publish = () => bus.emit(CHANNEL.records, [...recorder.records])
    const clear = () => recorder.clear()
    publish()
    const unsubscribe = recorder.subscribe(publish)
    bus.on(CHANNEL.clear, clear)
    bus.on(CHANNEL.request, publish)
    return () => {
      unsubscribe()
      bus.off(CHANNEL.clear, clear)
      bus.off(CHANNEL.request, publish)
    }
  }, [recorder])

  useEffect(() => {
    const current = recorder.client.getState().identity.userId
    if (userId && userId !== current) recorder.client.identify(userId)
  }, [recorder, userId])

  return (
    <CopilotAnalyticsProvider client={recorder.client} {...(conversationId ? { conversationId } : {})}>
      {children}
    </CopilotAnalyticsProvider>
  )
}
