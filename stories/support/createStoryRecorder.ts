import type { CopilotAnalytics, CopilotEvent, EventRecord } from '../../src/core'
import { createTestCopilotAnalytics } from '../../src/testing'

/** One event as the Analytics events panel shows it: plain data, safe to send over Storybook's channel. */
export interface RecordedEvent {
  /** Position in the story's run, from 1. */
  readonly index: number
  /** The track event's name, or `identify`. */
  readonly name: string
  readonly type: CopilotEvent['type']
  /** Track properties, or identify traits. */
  readonly properties: Record<string, unknown>
  readonly userId: string | null
  readonly anonymousId: string
  readonly status: EventRecord['status']
  /** The spec validator's verdict: empty when the event matches the spec. */
  readonly problems: readonly { readonly field: string; readonly message: string }[]
  readonly timestamp: string
}

/** Options of {@link createStoryRecorder}: the story's conversation and user (from its args). */
export interface StoryRecorderOptions {
  conversationId?: string | undefined
  userId?: string | undefined
}

/** A fresh analytics client for one story render, recording what it sends in memory. */
export interface StoryRecorder {
  readonly client: CopilotAnalytics
  /** Events handed to the memory destination, oldest first (what would have gone to Segment). */
  readonly events: readonly CopilotEvent[]
  /** Every event with the validator's verdict, oldest first. */
  readonly records: readonly RecordedEvent[]
  /** Forgets what was recorded (the panel's Clear). */
  clear(): void
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void
}

/** The anonymous ID every story starts with, so plays can assert it. */
export const STORY_ANONYMOUS_ID = 'anon-storybook'

const toRecorded = (record: EventRecord, index: number): RecordedEvent => {
  const { event } = record
  return {
    index,
    name: event.type === 'track' ? event.event : 'identify',
    type: event.type,
    properties: event.type === 'track' ? event.properties : event.traits,
    userId: event.userId,
    anonymousId: event.anonymousId,
    status: record.status,
    problems: record.problems.map(({ field, message }) => ({ field, message })),
    timestamp: event.timestamp,
  }
}

/**
 * Creates the client a story renders with: `createTestCopilotAnalytics` from `copilot-analytics/testing` (an in-memory
 * destination, memory-only storage so no state leaks between stories) with the validator on, so every event
 * carries the spec's verdict.
 */
export function createStoryRecorder(options: StoryRecorderOptions = {}): StoryRecorder {
  const records: RecordedEvent[] = []
  const listeners = new Set<() => void>()
  const notify = () => {
    for (const listener of listeners) listener()
  }
  const client = createTestCopilotAnalytics({
    validate: 'warn',
    anonymousId: STORY_ANONYMOUS_ID,
    ...(options.conversationId ? { conversationId: options.conversationId } : {}),
    ...(options.userId ? { userId: options.userId } : {}),
    onEvent: (record) => {
      records.push(toRecorded(record, records.length + 1))
      notify()
    },
  })
  return {
    client,
    events: client.events,
    records,
    clear() {
      client.clear()
      records.length = 0
      notify()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}
