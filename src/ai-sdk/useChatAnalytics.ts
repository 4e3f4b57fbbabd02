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
 * const chat = useChatAnalytics(useChat({ transport }))
 * // or, to destructure: const { messages, sendMessage } = useChatAnalytics(useChat({ transport }))
 * ```
 *
 * From the chat's own messages and status, with no other call by the app, it sends Message Sent for each user
 * message, Action Invoked for each tool call, Component Loaded for tool results tied to a component
 * (`options.tools`), Media Generated for generated images, video and audio, and Message Received once per
 * answer when its stream has finished (never per token), or `Message Failed` when it errored or was stopped.
 * `messageId` is the AI SDK message's own ID. Messages already there on the first render (restored history),
 * messages added without a request (`setMessages`) and whatever happened while `enabled` was false are history,
 * never sent. A request whose whole answer commits in one render (inside act(), a cached answer) is live when it
 * was started with the `sendMessage`/`regenerate` of the object passed here, or of the one returned (the same
 * object): destructure them from that, not from `useChat`'s result before this call. Re-renders, StrictMode,
 * regenerate and edit never send an event twice. Causes no re-render.
 * @returns `chat` itself, its `sendMessage` and `regenerate` counted
 */
export function useChatAnalytics<Chat extends ChatLike>(chat: Chat, options: ChatAnalyticsOptions = {}): Chat {
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
    // while disabled nothing is remembered: the first update once (re-)enabled takes the chat so far as history
    if (enabled) tracker.update({ messages, status, error, requests: counter.requests }, client, latest.current, now())
    else tracker.reset()
  }, [tracker, client, messages, status, error, enabled, latest, counter])
  return chat
}
