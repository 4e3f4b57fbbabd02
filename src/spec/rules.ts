/**
 * The facts of Segment's AI Copilot spec that the kit acts on at runtime: each event's properties (wire type,
 * required, default, the input field the client reads), which events are the conversation's lifecycle, the legacy
 * names. Said once, here; `table.ts` adds the prose (descriptions, examples, the API that sends each) for the types,
 * the validator, the docs and the collector. Kept apart from the prose because the client's pipeline imports these
 * rules in production builds, where the prose would be dead weight.
 */

/** The wire type of a spec property. */
export type SpecPropertyType = 'string' | 'number' | 'boolean'

/** What the kit knows of one spec property, as the spec names it on the wire. */
export interface SpecPropertyRule {
  readonly type: SpecPropertyType
  /** Missing on the wire makes the event invalid (unless `recommended`). */
  readonly required: boolean
  /**
   * Recommended rather than required: the spec's tables list it but its own examples omit it, so missing on the wire
   * is a warning, not a failure. The kit always sends it, and its types still ask for it.
   */
  readonly recommended?: boolean
  /** Filled in by the client when the caller gives none. */
  readonly default?: string
  /**
   * The field of the core method's input it is read from (`messageSent({ body })` → `message_body`). The client
   * reads these and only these; every other input field goes out as it came, as an extra property.
   */
  readonly input?: string
}

/** What the kit knows of one spec event. */
export interface SpecEventRule {
  /**
   * Part of the conversation's lifecycle: funnels and `message_count` need every one, so it is never sampled (a
   * rate for it is refused).
   */
  readonly lifecycle?: boolean
  readonly properties: Readonly<Record<string, SpecPropertyRule>>
  /** Earlier names of the same event, still accepted by the validator. */
  readonly legacyNames?: readonly string[]
}

const conversationId = { type: 'string', required: true } as const
const messageId = { type: 'string', required: true, input: 'messageId' } as const
const optionalMessageId = { type: 'string', required: false, input: 'messageId' } as const
const message = {
  conversationId,
  messageId,
  message_body: { type: 'string', required: false, input: 'body' },
  message_body_truncated: { type: 'boolean', required: false },
  message_body_length: { type: 'number', required: false },
} as const
const role = <Default extends string>(defaultRole: Default) =>
  ({ type: 'string', required: true, default: defaultRole, input: 'role' }) as const
const requiredString = <Input extends string>(input: Input) => ({ type: 'string', required: true, input }) as const

/** Every track event of the AI Copilot spec, keyed by its event name: the facts the kit acts on. */
export const SPEC_RULES = {
  'Conversation Started': { lifecycle: true, properties: { conversationId } },
  'Message Sent': { lifecycle: true, properties: { ...message, role: /* @__PURE__ */ role('customer') } },
  'Message Received': {
    lifecycle: true,
    // the spec's example puts role outside properties: recommended (SPEC.md)
    properties: { ...message, role: { .../* @__PURE__ */ role('agent'), recommended: true } },
  },
  'Conversation Ended': {
    lifecycle: true,
    // the spec's overview lists message_count, its example omits it
    properties: { conversationId, message_count: { type: 'number', required: true, recommended: true } },
  },
  'Action Invoked': {
    legacyNames: ['Tool Invoked'],
    properties: {
      conversationId,
      messageId: optionalMessageId,
      type: /* @__PURE__ */ requiredString('type'),
      action: /* @__PURE__ */ requiredString('action'),
      role: /* @__PURE__ */ role('customer'),
    },
  },
  'Media Generated': {
    properties: {
      conversationId,
      messageId: optionalMessageId,
      type: /* @__PURE__ */ requiredString('type'),
      sub_type: /* @__PURE__ */ requiredString('subType'),
      role: /* @__PURE__ */ role('agent'),
    },
  },
  'Component Loaded': {
    properties: { conversationId, messageId: optionalMessageId, type: /* @__PURE__ */ requiredString('type') },
  },
  'Feedback Submitted': {
    properties: {
      conversationId,
      messageId: optionalMessageId,
      rating: { type: 'number', required: true, input: 'rating' },
    },
  },
} as const satisfies Record<string, SpecEventRule>

/** The name of a track event defined by the spec. */
export type SpecEventName = keyof typeof SPEC_RULES

/** Properties every other (business) track call carries, enriched by the client. */
export const ENRICHED_RULES = {
  conversationId: { ...conversationId, required: false },
  messageId: optionalMessageId,
} as const satisfies Record<string, SpecPropertyRule>

/** The identify call: its name in reports and listings, and what it needs. Never sampled, like the lifecycle. */
export const IDENTIFY_RULE = {
  name: 'Identify',
  lifecycle: true,
  requiresOneOf: ['userId', 'anonymousId'],
} as const

/** The rules of the spec event `name` (its current name), or undefined for any other track call. */
export const ruleOf = (name: string): SpecEventRule | undefined =>
  Object.hasOwn(SPEC_RULES, name) ? (SPEC_RULES as Record<string, SpecEventRule>)[name] : undefined
