import type { CopilotEvent, EventStatus } from '../core/types'

/** One event as the Analytics events panel and `getEvents` show it: plain data, safe to send over Storybook's channel. */
export interface StoryEvent {
  /** Position in the story's run, from 1. */
  readonly index: number
  /** The track event's name, or `identify`. */
  readonly name: string
  readonly type: CopilotEvent['type']
  /** Track properties, or identify traits. */
  readonly properties: Record<string, unknown>
  readonly userId: string | null
  readonly anonymousId: string
  /** `sent` (handed to the in-memory destination), `held` (consent pending) or `dropped`. */
  readonly status: EventStatus
  /** Why it was held or dropped: `consent denied`, `sampled out`, `invalid (validate: strict)`... */
  readonly reason?: string
  /** The spec validator's verdict: empty when the event matches the spec (or your tracking plan). */
  readonly problems: readonly { readonly field: string; readonly message: string }[]
  readonly timestamp: string
}

/** What the panel receives: the story's events, whole (small, and a late-mounted panel needs no replay logic). */
export interface StoryEventsMessage {
  readonly storyId: string
  readonly events: readonly StoryEvent[]
  /** The story opted out (`parameters.copilotAnalytics.disable`). */
  readonly disabled?: boolean
}

/** What the panel shows of an `expectEvents` call in a play function. */
export interface AssertionResult {
  readonly storyId: string
  readonly pass: boolean
  /** One line when it passed; the readable failure otherwise. */
  readonly message: string
}

/** How the panel words an event's fate: "sent", "dropped by consent", "sampled out", "held (consent pending)"... */
export function statusText(event: Pick<StoryEvent, 'status' | 'reason'>): string {
  if (event.status === 'sent') return 'sent'
  if (event.status === 'held') return 'held until consent'
  if (event.reason === 'sampled out') return 'sampled out'
  if (event.reason === 'consent denied' || event.reason === 'consent queue full') return 'dropped by consent'
  return event.reason ? `dropped (${event.reason})` : 'dropped'
}
