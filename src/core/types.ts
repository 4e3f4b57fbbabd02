import type { CopilotCustomEvents, KnownEvents, SpecEvent, SpecProblem, TrackArgs } from '../spec'
import type { CopilotAnalyticsError } from './CopilotAnalyticsError'

// The kit's types, said once. This module imports no implementation (only types: the error class above is a type
// import, erased from the output), so every module can import it without a cycle.

/** The part of the Web Storage API the kit uses: it reads and writes its own two keys, never removes them. */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/** Who is using the copilot. */
export interface IdentityState {
  readonly anonymousId: string
  readonly userId: string | null
  readonly traits: Readonly<Record<string, unknown>>
}

/** The current conversation. */
export interface ConversationState {
  readonly id: string
  /** Message Sent and Message Received of this conversation, across page reloads. */
  readonly messageCount: number
  /** Conversation Started was sent. */
  readonly started: boolean
  /** Conversation Ended was sent. */
  readonly ended: boolean
  /**
   * The user's last rating of each message of this conversation (`''`: the conversation itself), across page
   * reloads: what a feedback widget shows as pressed.
   */
  readonly ratings: Readonly<Record<string, number>>
}

/** The client's state: what `getState()` returns and `subscribe()` watches. */
export interface CopilotState {
  readonly identity: IdentityState
  readonly conversation: ConversationState
  /** Consent to analytics, as last set (`copilotHeaders` and the context cookie carry it to the server). */
  readonly consent: ConsentState
}

/** Anything with analytics.js's `track` and `identify`: an AnalyticsBrowser, `window.analytics`, a test double. */
export interface AnalyticsLike {
  track(event: string, properties?: Record<string, unknown>, options?: Record<string, unknown>): unknown
  identify(userId?: string | null, traits?: Record<string, unknown>, options?: Record<string, unknown>): unknown
  reset?(): unknown
  setAnonymousId?(id?: string): unknown
}

/** An event as the kit builds it, before it is sent to the destination. */
export type CopilotEvent =
  | {
      readonly type: 'track'
      readonly event: string
      readonly properties: Record<string, unknown>
      readonly userId: string | null
      readonly anonymousId: string
      readonly timestamp: string
    }
  | {
      readonly type: 'identify'
      readonly userId: string | null
      readonly anonymousId: string
      readonly traits: Record<string, unknown>
      readonly timestamp: string
    }

/** Where a sent event stands, as the destination reports it. */
export type DeliveryStatus = 'delivered' | 'retrying' | 'failed'

/** What the destination made of an event. */
export interface DeliveryResult {
  /** The destination confirmed delivery (or, when it reports nothing, accepted the event). */
  readonly delivered: boolean
  /**
   * analytics-next's own verdict when the destination reports one: `delivered` (the Segment API answered 2xx),
   * `retrying` (the first attempt failed and analytics-next queued it for retry), `failed` (dropped: a 4xx or
   * retries exhausted). Absent for destinations that do not report delivery (e.g. `window.analytics` snippets).
   */
  readonly status?: DeliveryStatus
  readonly error?: unknown
}

/** Where events go: analytics-next, your own analytics, or memory. */
export interface Destination {
  /** Sends one event; the promise settles when the destination has accepted or refused it. */
  send(event: CopilotEvent): Promise<DeliveryResult>
  /** The visitor logged out: forget the identity kept by the destination. */
  reset?(anonymousId: string): void
  /** Resolves when the events sent so far have been passed on. */
  flush?(): Promise<void>
  /**
   * The client started in a browser: pick up deliveries an earlier page left unfinished (analytics-next keeps
   * its retry queue in localStorage on `pagehide` and sends it only once it is loaded again).
   */
  resume?(): void
}

/** Where an event ended up in the pipeline. */
export type EventStatus = 'sent' | 'held' | 'dropped'

/** One event as listeners (`onEvent`, devtools, stories) see it. */
export interface EventRecord {
  readonly event: CopilotEvent
  readonly status: EventStatus
  /** Problems the spec validator found (empty when valid or when validation is off). */
  readonly problems: readonly SpecProblem[]
  /** Why it was dropped or held, when it was. */
  readonly reason?: string
  /** Settles with the destination's verdict; only for sent events. */
  readonly delivery?: Promise<DeliveryResult>
}

/** Checks one built event against the spec table and an optional plan of your own events. */
export type EventValidator = (event: CopilotEvent, plan?: Readonly<Record<string, SpecEvent>>) => SpecProblem[]

/**
 * Your own step in the pipeline, run on every event after consent, sampling and privacy (body mode, truncation)
 * and before validation: return the event (changed or not) to send it, or `null` to drop it.
 */
export type BeforeSend = (event: CopilotEvent) => CopilotEvent | null

/** Sampling rates per event name, each from 0 (send none) to 1 (send all). Unlisted events are all sent. */
export type SampleRates = Partial<Record<string, number>>

/**
 * Decides, once per event, whether it is sent. Returns the rate it was kept at (to be sent as `sample_rate`,
 * so counts can be weighted back up) or `null` when it is sampled out.
 * @internal
 */
export type Sampler = (event: CopilotEvent) => number | null

/** Consent to analytics: `pending` holds events, `granted` sends (and flushes what was held), `denied` drops. */
export type ConsentState = 'granted' | 'pending' | 'denied'

/** How `message_body` leaves the app. A function receives the body and the event name. */
export type MessageBodyMode = 'full' | 'redact' | 'omit' | ((body: string, event: string) => string)

/** Options of {@link createCopilotAnalytics} and of `<CopilotAnalyticsProvider>`. */
export interface CopilotAnalyticsOptions {
  /** Segment write key: the kit loads `AnalyticsBrowser` from @segment/analytics-next with it. */
  writeKey?: string
  /**
   * Send everything to this host instead of Segment's, e.g. `'http://127.0.0.1:7463/v1'` for the local collector:
   * settings, events and analytics-next's own metrics all go there; nothing to Segment's hosts.
   */
  apiHost?: string
  /**
   * Keep analytics-next's identity in cookies (its default) instead of localStorage. Needed only when identity
   * must be shared across subdomains; costs about 2.5 ms of main thread per event in Chromium.
   * @default false
   */
  cookieIdentity?: boolean
  /** Bring your own analytics instead of `writeKey`: an AnalyticsBrowser, `window.analytics`, anything with track/identify. */
  analytics?: AnalyticsLike
  /** Or any destination (see `memoryDestination` for tests). Takes precedence over `analytics` and `writeKey`. */
  destination?: Destination
  /**
   * Where identity and conversation state persist. `null` keeps them in memory only.
   * @default localStorage when usable, else memory
   */
  storage?: KeyValueStorage | null
  /**
   * The localStorage key of the current conversation ID (a plain string).
   * @default 'newChatId'
   */
  conversationStorageKey?: string
  /** A known user from the start. */
  userId?: string
  /** Use this anonymous ID instead of a stored or new one. */
  anonymousId?: string
  /** Traits sent with identify calls. */
  traits?: Record<string, unknown>
  /**
   * Start in this conversation and let the app own its ID (controlled, as `startConversation(id, { controlled:
   * true })`): a message after Conversation Ended continues this conversation instead of opening a new one, until
   * the app starts another or the visitor logs out (`reset()`). Without it the kit resumes the stored one.
   */
  conversationId?: string
  /**
   * How message bodies are sent. `'redact'` loads the redaction rules on first use (events wait for them);
   * `redact` from `copilot-analytics/redact` puts them in your bundle and redacts from the first event.
   * @default 'full'
   */
  messageBody?: MessageBodyMode
  /**
   * Byte budget of each event as sent to the destination, measured on its serialised JSON (UTF-8, escapes
   * included): `message_body` is cut to fit (marked `message_body_truncated`, `message_body_length`), any other
   * field over a quarter of it is cut or dropped (and reported by name).
   * @default 28672 (Segment's 32 KB limit less 4 KB for the context analytics-next adds; less again on pages whose
   * URL, referrer and title are long)
   */
  maxEventBytes?: number
  /**
   * Consent to analytics. Pending holds up to `maxPendingEvents` events; granted flushes them in order; denied drops everything.
   * @default 'granted'
   */
  consent?: ConsentState
  /**
   * Events held while consent is pending; past it, the oldest are dropped (and reported).
   * @default 200
   */
  maxPendingEvents?: number
  /**
   * Spec validation: `warn` sends and warns once per problem, `strict` drops invalid events (reported through onError).
   * @default 'warn' in development, 'off' in production
   */
  validate?: 'warn' | 'strict' | 'off'
  /**
   * The validator `validate` uses. Development builds have it by default; production builds leave it (and the spec
   * table) out of your bundle unless you pass it: `import { validateEvent } from 'copilot-analytics/core'`.
   * @default validateEvent in development, none in production
   */
  validator?: EventValidator
  /**
   * Your own tracking plan: events in the same shape as the spec table's rows (`SPEC_EVENTS`), checked by the
   * validator like the spec's. A plan entry with a spec event's name replaces that spec row.
   * Type them too with `createCopilotAnalytics<PlanEvents<typeof plan>>({ plan })`.
   * @example { 'Stock Purchased': { description: '...', sentBy: { core: 'track', react: 'useTrack' },
   *   properties: { ticker: { type: 'string', required: true, description: 'e.g. NVDA' } } } }
   */
  plan?: Readonly<Record<string, SpecEvent>>
  /**
   * Your own step before an event leaves: enrich it, scrub it, or return `null` to drop it. Runs on track and
   * identify events after consent, sampling and privacy (`messageBody`, truncation) and before validation.
   * Fails closed: if it throws or returns something that is not an event of the same type, the event is dropped
   * and the problem reported through `onError`.
   */
  beforeSend?: BeforeSend
  /**
   * Sampling rates for high-volume events, from 0 (send none) to 1 (send all), e.g. `{ 'Component Loaded': 0.1 }`.
   * Kept events carry `sample_rate`. Lifecycle events (Conversation Started/Ended, Message Sent/Received) and
   * identify are never sampled: a rate for them is refused with a warning.
   * @default every event is sent
   */
  sample?: SampleRates
  /** Called for every event, with its validation verdict and delivery. */
  onEvent?: (record: EventRecord) => void
  /** Called for every problem the kit reports instead of throwing. */
  onError?: (error: CopilotAnalyticsError) => void
}

/** Properties any event input may carry beyond the named ones (the spec is extensible). */
export type ExtraProperties = Record<string, unknown>

/** Input of `messageSent` and `messageReceived`. */
export interface MessageInput extends ExtraProperties {
  /** The message text, sent as `message_body`. */
  body: string
  /** The chat message's ID; generated when missing. */
  messageId?: string | undefined
  /** @default 'customer' for sent, 'agent' for received */
  role?: string | undefined
}

/** Input of `actionInvoked`. */
export interface ActionInput extends ExtraProperties {
  /** The capability or tool, e.g. "Stock Purchase". */
  type: string
  /** What it did or was asked, e.g. "buy 10 NVDA". */
  action: string
  messageId?: string | undefined
  /** @default 'customer' */
  role?: string | undefined
}

/** Input of `mediaGenerated`. */
export interface MediaInput extends ExtraProperties {
  /** image, video or audio. */
  type: string
  /** gif, png, mp4, wav, ...; sent as `sub_type`. */
  subType: string
  messageId?: string | undefined
  /** @default 'agent' */
  role?: string | undefined
}

/** Input of `componentLoaded`. */
export interface ComponentInput extends ExtraProperties {
  /** The component, e.g. "Stock Price Chart". */
  type: string
  messageId?: string | undefined
}

/** A rating: any finite number, or thumbs `'up'` (1) / `'down'` (-1). */
export type Rating = number | 'up' | 'down'

/** Input of `feedbackSubmitted`. */
export interface FeedbackInput extends ExtraProperties {
  rating: Rating
  messageId?: string | undefined
}

/** The framework-agnostic client. No method throws. */
export interface CopilotAnalytics<Events = KnownEvents> {
  /** Identity and current conversation. */
  getState(): CopilotState
  /** Watches the state; returns the unsubscribe function. */
  subscribe(listener: (state: CopilotState, previous: CopilotState) => void): () => void
  /** Sends the anonymous identify of a new visitor (once per anonymousId). Called by the provider on mount. */
  start(): void
  /** Identifies a known user (joined to the anonymousId), or re-sends the anonymous identify with traits. */
  identify(userId?: string | null, traits?: Record<string, unknown>): void
  /** Log out: a new anonymousId, no userId, a new conversation. */
  reset(): void
  /**
   * Makes a new (or the given) conversation current and persists its ID. Sends nothing. Returns the ID.
   * `controlled`: the app owns the ID (a message after Conversation Ended continues it instead of opening a new one).
   */
  startConversation(conversationId?: string, options?: { controlled?: boolean }): string
  /** Sends Conversation Ended with `message_count`, if the conversation started. */
  endConversation(): void
  /** Sends Message Sent (and Conversation Started before the first one). Returns the messageId. */
  messageSent(input: MessageInput): string
  /** Sends Message Received once for a complete answer. Returns the messageId. */
  messageReceived(input: MessageInput): string
  /** Sends Action Invoked. */
  actionInvoked(input: ActionInput): void
  /** Sends Media Generated (`subType` goes out as `sub_type`). */
  mediaGenerated(input: MediaInput): void
  /** Sends Component Loaded once per (conversation, message, type). Returns whether it was sent now. */
  componentLoaded(input: ComponentInput): boolean
  /** Sends Feedback Submitted. Returns the rating sent, or undefined when the input was unusable. */
  feedbackSubmitted(input: FeedbackInput): number | undefined
  /** Any other track call, enriched with the current conversationId. Spec and augmented events are typed. */
  track<E extends string>(event: E, ...args: TrackArgs<E, Events>): void
  /** Changes consent: granted flushes held events, denied drops them. */
  setConsent(state: ConsentState): void
  /**
   * Resolves when every event made so far has been passed on by the destination: it waits for the client's engine
   * (a chunk imported when the client is created, with the destination it loads) and then for the destination.
   */
  flush(): Promise<void>
  /** Listens to every event (as `onEvent`); returns the unsubscribe function. */
  listen(listener: (record: EventRecord) => void): () => void
}

export type { CopilotCustomEvents }
