import type { CopilotAnalytics } from '../core'
import type { ChatMemory } from './ChatMemory'
import type { ChatSnapshot } from './ChatSnapshot'
import { diffChat } from './diffChat'
import { sendChatEvents } from './sendChatEvents'
import type { ChatAnalyticsOptions } from './types'

/**
 * Turns successive chat snapshots into spec events, each exactly once.
 * @internal the engine of `useChatAnalytics`, not part of the public API.
 */
export interface ChatTracker {
  /**
   * Compares `snapshot` with what it saw before and sends what is new through `client`. Idempotent: the same
   * snapshot twice sends nothing the second time. `now` is a monotonic time in milliseconds. Never throws.
   */
  update(snapshot: ChatSnapshot, client: CopilotAnalytics, options: ChatAnalyticsOptions, now: number): void
  /** Forgets every snapshot: the next update is a first one again (its messages are history). */
  reset(): void
}

const warn = (message: string, error: unknown) => {
  if (typeof console !== 'undefined') console.warn(`[copilot-analytics] useChatAnalytics: ${message}`, error)
}

/**
 * The state `useChatAnalytics` keeps between renders: the memory of {@link diffChat}, which lists what each
 * snapshot changed, and {@link sendChatEvents}, which sends it.
 * @internal
 */
export function createChatTracker(): ChatTracker {
  let memory: ChatMemory | undefined
  return {
    update(snapshot, client, options, now) {
      let diff: ReturnType<typeof diffChat>
      try {
        diff = diffChat(memory, snapshot, options, now)
      } catch (error) {
        // a chat state the diff could not read: nothing is sent, and the next update compares with the last good one
        return warn('could not read the chat state; this update was skipped', error)
      }
      memory = diff.memory
      for (const { message, error } of diff.warnings) warn(message, error)
      try {
        sendChatEvents(client, diff.events)
      } catch (error) {
        warn('an event could not be sent', error)
      }
    },
    reset() {
      memory = undefined
    },
  }
}
