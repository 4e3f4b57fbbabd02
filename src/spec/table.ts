/**
 * Segment's AI Copilot spec as one data table: the single source of truth for the event types,
 * the runtime validator, the collector's verdicts, the docs tables and the Storybook controls.
 * `../shared/SPEC.md` explains the decisions behind each row. What the client acts on when it builds an event
 * (the input fields each event reads, defaults, the lifecycle) is in `rules.ts`, merged in here.
 */
import { IDENTIFY_RULE, SPEC_RULES, type SpecEventRule } from './rules'

/** The wire type of a spec property. */
export type SpecPropertyType = 'string' | 'number' | 'boolean'

/** One property of a spec event, as the spec names it on the wire. */
export interface SpecProperty {
  readonly type: SpecPropertyType
  /** Missing on the wire makes the event invalid (unless `recommended`). */
  readonly required: boolean
  /**
   * Recommended rather than required: the spec's tables list it but its own examples omit it, so missing on the wire
   * is a warning, not a failure. The kit always sends it, and its types still ask for it.
   */
  readonly recommended?: boolean
  /** Filled in by the client when the caller gives none (for the spec's own events: from `rules.ts`). */
  readonly default?: string
  /** Known values; others are allowed (the spec is extensible). */
  readonly examples?: readonly string[]
  readonly description: string
}

/** One event of the spec. */
export interface SpecEvent {
  readonly description: string
  /** The public API that sends it: core method and React hook or HOC. */
  readonly sentBy: { readonly core: string; readonly react: string }
  readonly properties: Readonly<Record<string, SpecProperty>>
  /** Earlier names of the same event, still accepted by the validator. */
  readonly legacyNames?: readonly string[]
}

const conversationId = {
  type: 'string',
  required: true,
  description: 'The conversation (chat) the event belongs to.',
} as const satisfies SpecProperty

const messageId = <Required extends boolean>(required: Required) =>
  ({
    type: 'string',
    required,
    description: 'The chat message the event is about (not Segment’s envelope messageId).',
  }) as const satisfies SpecProperty

const messageBody = {
  type: 'string',
  required: false,
  description: 'The text of the message; truncated to fit 32 KB, redacted or omitted as configured.',
} as const satisfies SpecProperty

const bodyTruncated = {
  type: 'boolean',
  required: false,
  description: 'true when message_body was cut to keep the event under Segment’s 32 KB limit.',
} as const satisfies SpecProperty

const bodyLength = {
  type: 'number',
  required: false,
  description: 'The original length of message_body in characters, when it was truncated or omitted.',
} as const satisfies SpecProperty

const role = (examples: readonly string[], recommended = false) =>
  ({
    type: 'string',
    required: true,
    recommended,
    examples,
    description: 'Who produced it.',
  }) as const satisfies SpecProperty

const CUSTOMER_ROLES = ['customer', 'agent'] as const
const AGENT_ROLES = ['agent', 'ai_agent', 'human_agent', 'task_automation_agent'] as const

/** The table's own part of each row: everything but the rules. */
const TABLE = {
  'Conversation Started': {
    description: 'The customer sends the first message of a new conversation. Sent once, just before that message.',
    sentBy: { core: 'messageSent (first of a conversation)', react: 'useTrackMessage().trackSent' },
    properties: { conversationId },
  },
  'Message Sent': {
    description: 'The user adds a message to the conversation (every user message).',
    sentBy: { core: 'messageSent', react: 'useTrackMessage().trackSent' },
    properties: {
      conversationId,
      messageId: /* @__PURE__ */ messageId(true),
      message_body: messageBody,
      message_body_truncated: bodyTruncated,
      message_body_length: bodyLength,
      role: /* @__PURE__ */ role(CUSTOMER_ROLES),
    },
  },
  'Message Received': {
    description: 'The copilot answers with text or voice (once per complete answer, never per token).',
    sentBy: { core: 'messageReceived', react: 'useTrackMessage().trackReceived' },
    properties: {
      conversationId,
      messageId: /* @__PURE__ */ messageId(true),
      message_body: messageBody,
      message_body_truncated: bodyTruncated,
      message_body_length: bodyLength,
      // the spec's example puts role outside properties: recommended (SPEC.md)
      role: /* @__PURE__ */ role(AGENT_ROLES, true),
    },
  },
  'Conversation Ended': {
    description: 'The customer or agent explicitly ends the conversation, or deletes the chat.',
    sentBy: { core: 'endConversation', react: 'useConversation().end / startNew' },
    properties: {
      conversationId,
      message_count: {
        type: 'number',
        required: true,
        // the spec's overview lists it, its example omits it
        recommended: true,
        description: 'Messages sent and received in the conversation, across page reloads.',
      },
    },
  },
  'Action Invoked': {
    description: 'The model or the user invokes a capability or tool (an external API call, say).',
    sentBy: { core: 'actionInvoked', react: 'useTrackAction()' },
    legacyNames: ['Tool Invoked'],
    properties: {
      conversationId,
      messageId: /* @__PURE__ */ messageId(false),
      type: { type: 'string', required: true, description: 'The capability or tool, e.g. "Stock Price Lookup".' },
      action: { type: 'string', required: true, description: 'What it did or was asked to do.' },
      role: /* @__PURE__ */ role(CUSTOMER_ROLES),
    },
  },
  'Media Generated': {
    description: 'The model generates an image, video or audio.',
    sentBy: { core: 'mediaGenerated', react: 'useTrackMedia()' },
    properties: {
      conversationId,
      messageId: /* @__PURE__ */ messageId(false),
      type: {
        type: 'string',
        required: true,
        examples: ['image', 'video', 'audio'],
        description: 'The kind of media.',
      },
      sub_type: {
        type: 'string',
        required: true,
        examples: ['gif', 'png', 'jpeg', 'mp4', 'wav'],
        description: 'The format.',
      },
      role: /* @__PURE__ */ role(AGENT_ROLES),
    },
  },
  'Component Loaded': {
    description: 'A custom, non-text/voice component is shown to the user. Once per (conversation, message, type).',
    sentBy: { core: 'componentLoaded', react: 'useComponentTracking / withComponentTracking' },
    properties: {
      conversationId,
      messageId: /* @__PURE__ */ messageId(false),
      type: { type: 'string', required: true, description: 'The component, e.g. "Stock Price Chart".' },
    },
  },
  'Feedback Submitted': {
    description: 'The user rates a conversation or a message. Thumbs are 1 / -1, stars 1–5.',
    sentBy: { core: 'feedbackSubmitted', react: 'useFeedback(messageId).submit' },
    properties: {
      conversationId,
      messageId: /* @__PURE__ */ messageId(false),
      rating: { type: 'number', required: true, description: 'Any finite number.' },
    },
  },
} as const satisfies Record<string, SpecEvent>

/** The name of a track event defined by the spec. */
export type SpecEventName = keyof typeof TABLE

type Rules = typeof SPEC_RULES
type RulesOf<E extends SpecEventName> = Rules[E] extends { properties: infer P } ? P : Record<never, never>

/** Each row of the table with its rules merged in, property by property. */
type WithRules = {
  readonly [E in SpecEventName]: Omit<(typeof TABLE)[E], 'properties'> &
    Omit<Rules[E], 'properties'> & {
      readonly properties: {
        readonly [Name in keyof (typeof TABLE)[E]['properties']]: (typeof TABLE)[E]['properties'][Name] &
          (Name extends keyof RulesOf<E> ? RulesOf<E>[Name] : unknown)
      }
    }
}

/** Merges each event's rules into its row (the spec tests check that every rule names a row and property of it). */
const withRules = (table: Readonly<Record<string, SpecEvent>>, rules: Readonly<Record<string, SpecEventRule>>) =>
  Object.fromEntries(
    Object.entries(table).map(([name, { properties, ...row }]) => {
      const { properties: ruled = {}, ...rule } = rules[name] ?? {}
      const merged = Object.entries(properties).map(([key, property]) => [key, { ...property, ...ruled[key] }])
      return [name, { ...row, ...rule, properties: Object.fromEntries(merged) }]
    }),
  )

/** Every track event of the AI Copilot spec, keyed by its event name. */
export const SPEC_EVENTS = /* @__PURE__ */ withRules(TABLE, SPEC_RULES) as WithRules

/** Properties every other (business) track call carries, enriched by the client. */
export const ENRICHED_PROPERTIES = {
  conversationId: { ...conversationId, required: false },
  messageId: /* @__PURE__ */ messageId(false),
} as const satisfies Record<string, SpecProperty>

/** The identify call: a user is identified, anonymously or as a known user. */
export const SPEC_IDENTIFY = {
  ...IDENTIFY_RULE,
  description: 'A user is identified: once anonymously when a new visitor arrives, again when the app knows the user.',
  sentBy: { core: 'identify', react: 'useIdentity().identify' },
  requiresOneOf: ['userId', 'anonymousId'],
} as const

/** Legacy event name → current spec name. */
export const LEGACY_EVENT_NAMES: Readonly<Record<string, SpecEventName>> = /* @__PURE__ */ Object.fromEntries(
  Object.entries(SPEC_EVENTS).flatMap(([name, spec]) =>
    ((spec as SpecEvent).legacyNames ?? []).map((legacy) => [legacy, name as SpecEventName]),
  ),
)

/** The spec event that `name` denotes (current or legacy name), or undefined for other track calls. */
export function specEventOf(name: string): SpecEvent | undefined {
  const current = LEGACY_EVENT_NAMES[name] ?? name
  return Object.hasOwn(SPEC_EVENTS, current) ? (SPEC_EVENTS as Record<string, SpecEvent>)[current] : undefined
}
