import type { CopilotAnalytics, CopilotEvent, EventRecord } from '../core/types'
import { nonEmptyString } from '../shared/guards'
import { createTestCopilotAnalytics } from '../testing/createTestCopilotAnalytics'
import { type CopilotAnalyticsParameters, STORY_ANONYMOUS_ID } from './CopilotAnalyticsParameters'
import type { StoryEvent } from './StoryEvent'

/** A fresh analytics client for one story render, recording in memory what it sends. */
export interface StoryRecorder {
  readonly storyId: string
  readonly client: CopilotAnalytics
  /** Events the in-memory destination received (what would have gone to Segment), oldest first. */
  readonly sent: readonly CopilotEvent[]
  /** Every event the pipeline saw, with its status and the validator's verdict, oldest first. */
  readonly events: readonly StoryEvent[]
  /** Forgets what was recorded (the panel's Clear, `clearEvents`). */
  clear(): void
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void
}

/** The value when it is a usable string, else undefined. */
const text = (value: unknown): string | undefined => (nonEmptyString(value) ? value : undefined)

const toStoryEvent = (record: EventRecord, index: number): StoryEvent => {
  const { event } = record
  return {
    index,
    name: event.type === 'track' ? event.event : 'identify',
    type: event.type,
    properties: event.type === 'track' ? event.properties : event.traits,
    userId: event.userId,
    anonymousId: event.anonymousId,
    status: record.status,
    ...(record.reason ? { reason: record.reason } : {}),
    problems: record.problems.map(({ field, message }) => ({ field, message })),
    timestamp: event.timestamp,
  }
}

/**
 * Creates the client a story renders with: `createTestCopilotAnalytics` (in-memory destination, memory-only
 * storage so nothing leaks between stories) with the validator on, so every event carries the spec's verdict.
 */
export function createStoryRecorder(storyId: string, options: CopilotAnalyticsParameters = {}): StoryRecorder {
  const events: StoryEvent[] = []
  const listeners = new Set<() => void>()
  const notify = () => {
    for (const listener of listeners) listener()
  }
  const conversationId = text(options.conversationId)
  const userId = text(options.userId)
  const client = createTestCopilotAnalytics({
    validate: options.validate === 'strict' ? 'strict' : 'warn',
    anonymousId: text(options.anonymousId) ?? STORY_ANONYMOUS_ID,
    ...(conversationId ? { conversationId } : {}),
    ...(userId ? { userId } : {}),
    ...(options.traits ? { traits: options.traits } : {}),
    ...(options.consent ? { consent: options.consent } : {}),
    ...(options.messageBody ? { messageBody: options.messageBody } : {}),
    ...(options.plan ? { plan: options.plan } : {}),
    ...(options.sample ? { sample: options.sample } : {}),
    onEvent: (record) => {
      events.push(toStoryEvent(record, events.length + 1))
      notify()
    },
  })
  return {
    storyId,
    client,
    sent: client.events,
    events,
    clear() {
      client.clear()
      events.length = 0
      notify()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}
