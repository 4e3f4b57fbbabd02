/**
 * The facts of Segment's AI Copilot spec that the client acts on when it builds an event: which input fields each
 * event reads (and under which wire name it sends them), the defaults it fills in, which events are the
 * conversation's lifecycle. Said once, here; `table.ts` adds the rest of each row (wire types, required,
 * descriptions) and merges these in. Kept apart because the client's pipeline imports these rules in production
 * builds, where the rest of the table is dead weight.
 */

/** What the client does with one spec property when it builds the event from a core method's input. */
export interface SpecPropertyRule {
  /**
   * The field of the core method's input it is read from (`messageSent({ body })` → `message_body`). The client
   * reads these and only these; every other input field goes out as it came, as an extra property.
   */
  readonly input?: string
  /** Filled in by the client when the caller gives none. */
  readonly default?: string
}

/** What the client does with one spec event. */
export interface SpecEventRule {
  /**
   * Part of the conversation's lifecycle: funnels and `message_count` need every one, so it is never sampled (a
   * rate for it is refused).
   */
  readonly lifecycle?: boolean
  /** The properties it reads from the input or fills in, by wire name. */
  readonly properties?: Readonly<Record<string, SpecPropertyRule>>
}

const reads = <Input extends string>(input: Input) => ({ input }) as const
const messageId = /* @__PURE__ */ reads('messageId')
const type = /* @__PURE__ */ reads('type')
const role = <Default extends string>(defaultRole: Default) => ({ input: 'role', default: defaultRole }) as const
const message = <Default extends string>(defaultRole: Default) =>
  ({ messageId, message_body: reads('body'), role: role(defaultRole) }) as const

/** The rules of every track event of the AI Copilot spec, keyed by its event name. */
export const SPEC_RULES = {
  'Conversation Started': { lifecycle: true },
  'Message Sent': { lifecycle: true, properties: /* @__PURE__ */ message('customer') },
  'Message Received': { lifecycle: true, properties: /* @__PURE__ */ message('agent') },
  'Conversation Ended': { lifecycle: true },
  'Action Invoked': {
    properties: { messageId, type, action: /* @__PURE__ */ reads('action'), role: /* @__PURE__ */ role('customer') },
  },
  'Media Generated': {
    properties: { messageId, type, sub_type: /* @__PURE__ */ reads('subType'), role: /* @__PURE__ */ role('agent') },
  },
  'Component Loaded': { properties: { messageId, type } },
  'Feedback Submitted': { properties: { messageId, rating: /* @__PURE__ */ reads('rating') } },
} as const satisfies Record<string, SpecEventRule>

/** The identify call: its name in reports and listings. Never sampled, like the lifecycle. */
export const IDENTIFY_RULE = { name: 'Identify', lifecycle: true } as const

/** The rules of the spec event `name` (its current name), or undefined for any other track call. */
export const ruleOf = (name: string): SpecEventRule | undefined =>
  Object.hasOwn(SPEC_RULES, name) ? (SPEC_RULES as Record<string, SpecEventRule>)[name] : undefined
