/**
 * Segment's AI Copilot spec as one data table: the single source of truth for the event types,
 * the runtime validator, the collector's verdicts, the docs tables and the Storybook controls.
 * `../shared/SPEC.md` explains the decisions behind each row. The facts come from `rules.ts` (what the client acts
 * on at runtime); this file adds the prose.
 */
import {
  ENRICHED_RULES,
  IDENTIFY_RULE,
  ruleOf,
  SPEC_RULES,
  type SpecEventName,
  type SpecEventRule,
  type SpecPropertyRule,
} from './rules'

export type { SpecEventName, SpecPropertyType } from './rules'

/** One property of a spec event, as the spec names it on the wire. */
export interface SpecProperty extends Omit<SpecPropertyRule, 'input'> {
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

/** The prose of one property. */
interface PropertyProse {
  readonly description: string
  readonly examples?: readonly string[]
}

/** The prose of one event: every property its rules name, and no other. */
interface EventProse<Property extends PropertyKey> {
  readonly description: string
  readonly sentBy: SpecEvent['sentBy']
  readonly properties: { readonly [Name in Property]: PropertyProse }
}

type PropertyNames<E extends SpecEventName> = keyof (typeof SPEC_RULES)[E]['properties']

const conversationId = { description: 'The conversation (chat) the event belongs to.' }
const messageId = { description: 'The chat message the event is about (not Segment’s envelope messageId).' }
const message = {
  conversationId,
  messageId,
  message_body: {
    description: 'The text of the message; truncated to fit 32 KB, redacted or omitted as configured.',
  },
  message_body_truncated: {
    description: 'true when message_body was cut to keep the event under Segment’s 32 KB limit.',
  },
  message_body_length: {
    description: 'The original length of message_body in characters, when it was truncated or omitted.',
  },
}
const role = (examples: readonly string[]) => ({ examples, description: 'Who produced it.' })
const CUSTOMER_ROLES = ['customer', 'agent']
const AGENT_ROLES = ['agent', 'ai_agent', 'human_agent', 'task_automation_agent']

const PROSE = {
  'Conversation Started': {
    description: 'The customer sends the first message of a new conversation. Sent once, just before that message.',
    sentBy: { core: 'messageSent (first of a conversation)', react: 'useTrackMessage().trackSent' },
    properties: { conversationId },
  },
  'Message Sent': {
    description: 'The user adds a message to the conversation (every user message).',
    sentBy: { core: 'messageSent', react: 'useTrackMessage().trackSent' },
    properties: { ...message, role: role(CUSTOMER_ROLES) },
  },
  'Message Received': {
    description: 'The copilot answers with text or voice (once per complete answer, never per token).',
    sentBy: { core: 'messageReceived', react: 'useTrackMessage().trackReceived' },
    properties: { ...message, role: role(AGENT_ROLES) },
  },
  'Conversation Ended': {
    description: 'The customer or agent explicitly ends the conversation, or deletes the chat.',
    sentBy: { core: 'endConversation', react: 'useConversation().end / startNew' },
    properties: {
      conversationId,
      message_count: { description: 'Messages sent and received in the conversation, across page reloads.' },
    },
  },
  'Action Invoked': {
    description: 'The model or the user invokes a capability or tool (an external API call, say).',
    sentBy: { core: 'actionInvoked', react: 'useTrackAction()' },
    properties: {
      conversationId,
      messageId,
      type: { description: 'The capability or tool, e.g. "Stock Price Lookup".' },
      action: { description: 'What it did or was asked to do.' },
      role: role(CUSTOMER_ROLES),
    },
  },
  'Media Generated': {
    description: 'The model generates an image, video or audio.',
    sentBy: { core: 'mediaGenerated', react: 'useTrackMedia()' },
    properties: {
      conversationId,
      messageId,
      type: { examples: ['image', 'video', 'audio'], description: 'The kind of media.' },
      sub_type: { examples: ['gif', 'png', 'jpeg', 'mp4', 'wav'], description: 'The format.' },
      role: role(AGENT_ROLES),
    },
  },
  'Component Loaded': {
    description: 'A custom, non-text/voice component is shown to the user. Once per (conversation, message, type).',
    sentBy: { core: 'componentLoaded', react: 'useComponentTracking / withComponentTracking' },
    properties: {
      conversationId,
      messageId,
      type: { description: 'The component, e.g. "Stock Price Chart".' },
    },
  },
  'Feedback Submitted': {
    description: 'The user rates a conversation or a message. Thumbs are 1 / -1, stars 1–5.',
    sentBy: { core: 'feedbackSubmitted', react: 'useFeedback(messageId).submit' },
    properties: { conversationId, messageId, rating: { description: 'Any finite number.' } },
  },
} as const satisfies { readonly [E in SpecEventName]: EventProse<PropertyNames<E>> }

/** Each property's rule with its prose. */
type Described<Rules, Prose> = {
  readonly [Name in keyof Rules]: Rules[Name] & (Name extends keyof Prose ? Prose[Name] : unknown)
}

/** Each event's rules with its prose, property by property. */
type WithProse<Rules extends Record<string, SpecEventRule>, Prose extends { [E in keyof Rules]: EventProse<never> }> = {
  readonly [E in keyof Rules]: Omit<Rules[E], 'properties'> &
    Omit<Prose[E], 'properties'> & { readonly properties: Described<Rules[E]['properties'], Prose[E]['properties']> }
}

const withDescriptions = <Rules extends Readonly<Record<string, SpecPropertyRule>>, Prose>(
  rules: Rules,
  prose: Prose & { readonly [Name in keyof Rules]: PropertyProse },
) =>
  Object.fromEntries(
    Object.entries(rules).map(([name, rule]) => [name, { ...rule, ...(prose as Record<string, PropertyProse>)[name] }]),
  ) as Described<Rules, Prose>

/** Every track event of the AI Copilot spec, keyed by its event name. */
export const SPEC_EVENTS = /* @__PURE__ */ Object.fromEntries(
  Object.entries(SPEC_RULES as Record<SpecEventName, SpecEventRule>).map(([name, rules]) => {
    const prose: EventProse<string> = PROSE[name as SpecEventName]
    return [name, { ...prose, ...rules, properties: withDescriptions(rules.properties, prose.properties) }]
  }),
) as WithProse<typeof SPEC_RULES, typeof PROSE>

/** Properties every other (business) track call carries, enriched by the client. */
export const ENRICHED_PROPERTIES = /* @__PURE__ */ withDescriptions(ENRICHED_RULES, { conversationId, messageId })

/** The identify call: a user is identified, anonymously or as a known user. */
export const SPEC_IDENTIFY = {
  ...IDENTIFY_RULE,
  description: 'A user is identified: once anonymously when a new visitor arrives, again when the app knows the user.',
  sentBy: { core: 'identify', react: 'useIdentity().identify' },
} as const

/** Legacy event name → current spec name. */
export const LEGACY_EVENT_NAMES: Readonly<Record<string, SpecEventName>> = /* @__PURE__ */ Object.fromEntries(
  Object.entries(SPEC_RULES as Record<string, SpecEventRule>).flatMap(([name, rules]) =>
    (rules.legacyNames ?? []).map((legacy) => [legacy, name as SpecEventName]),
  ),
)

/** The spec event that `name` denotes (current or legacy name), or undefined for other track calls. */
export function specEventOf(name: string): SpecEvent | undefined {
  const current = LEGACY_EVENT_NAMES[name] ?? name
  return ruleOf(current) ? (SPEC_EVENTS as Record<string, SpecEvent>)[current] : undefined
}
