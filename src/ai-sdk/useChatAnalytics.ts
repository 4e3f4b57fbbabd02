import { useEffect, useState } from 'react'
import { useClient } from '../react/useClient'
import { useIsomorphicLayoutEffect } from '../react/useIsomorphicLayoutEffect'
import { useLatest } from '../react/useLatest'
import { createChatTracker } from './createChatTracker'
import type { ChatAnalyticsOptions, ChatLike } from './types'

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now())

/** The `useChat` methods that start a request. */
const REQUEST_METHODS = ['sendMessage', 'regenerate'] as const
const COUNTED = Symbol('copilot-analytics: counted')

/**
 * Counts the requests started through `chat`: its `sendMessage` and `regenerate` are wrapped (on this render's
 * object, which is the one the app calls). A request whose whole answer commits in one render shows no busy status,
 * and only this count tells it from messages set without a request.
 */
function countRequests(chat: ChatLike, counter: { requests: number }) {
  const methods = chat as unknown as Record<string, unknown>
  for (const name of REQUEST_METHODS) {
    const original = methods[name]
    if (typeof original !== 'function' || COUNTED in original) continue
    const counted = Object.assign(
      (...args: unknown[]) => {
        counter.requests += 1
        return original.apply(chat, args)
      },
      { [COUNTED]: true },
    )
    try {
      methods[name] = counted
    } catch {
      // a frozen object: requests that commit in one render are then taken for history
    }
  }
}

/**
 * Instruments a Vercel AI SDK chat in one line: pass it what `useChat` returned.
 *
 * ```tsx
 * const chat = useChat({ transport })
 * useChatAnalytics(chat)
 * ```
 *
 * From the chat's own messages and status, with no other call by the app, it sends Message Sent for each user
 * message, Action Invoked for each tool call, Component Loaded for tool results tied to a component
 * (`options.tools`), Media Generated for generated images, video and audio, and Message Received once per
 * answer when its stream has finished (never per token), or `Message Failed` when it errored or was stopped.
 * `messageId` is the AI SDK message's own ID. Messages already there on the first render (restored history)
 * and messages added without a request (`setMessages`) are history, never sent; a request whose whole answer
 * commits in one render (inside act(), a cached answer) is live: `sendMessage`/`regenerate` called on the object
 * passed here are counted. Re-renders, StrictMode, regenerate and edit never send an event twice. Causes no
 * re-render.
 */
export function useChatAnalytics(chat: ChatLike, options: ChatAnalyticsOptions = {}): void {
  const client = useClient(useChatAnalytics)
  const [tracker] = useState(createChatTracker)
  const [counter] = useState(() => ({ requests: 0 }))
  countRequests(chat, counter)
  const latest = useLatest(options)
  const { conversationId } = options

  // a layout effect, so the conversation is current before the first event of this render's effects
  useIsomorphicLayoutEffect(() => {
    if (conversationId) client.startConversation(conversationId, { controlled: true })
  }, [client, conversationId])

  const { messages, status, error } = chat
  const enabled = options.enabled !== false
  useEffect(() => {
    // when (re-)enabled, the first update takes the messages already there as history
    if (enabled) tracker.update({ messages, status, error, requests: counter.requests }, client, latest.current, now())
  }, [tracker, client, messages, status, error, enabled, latest, counter])
}
