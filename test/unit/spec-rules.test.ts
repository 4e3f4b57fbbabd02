// The spec said once: the client's defaults, the input fields each event reads and the events sampling never drops
// all come from the spec's rules (src/spec/rules.ts), merged into the table (SPEC_EVENTS). These tests read the
// table and check what the client does against it, so a fact restated (and got wrong) anywhere else fails here.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  type CopilotAnalytics,
  type CopilotAnalyticsError,
  createCopilotAnalytics,
  memoryDestination,
  SPEC_EVENTS,
  SPEC_IDENTIFY,
  type SpecEvent,
} from '../../src/core'
import type { Reporter } from '../../src/core/reporter'
import { createSampler } from '../../src/core/sampling'
import { SPEC_RULES, type SpecEventRule } from '../../src/spec/rules'

type Row = SpecEvent & { properties: Record<string, SpecEvent['properties'][string] & { input?: string }> }
const rows = Object.entries(SPEC_EVENTS as unknown as Record<string, Row & { lifecycle?: boolean }>)
const rules = SPEC_RULES as Record<string, SpecEventRule>

const setup = () => {
  const destination = memoryDestination()
  const errors: CopilotAnalyticsError[] = []
  const client = createCopilotAnalytics({ destination, storage: null, onError: (error) => errors.push(error) })
  const tracked = (event: string) =>
    destination.events.flatMap((e) => (e.type === 'track' && e.event === event ? [e.properties] : []))
  return { client, errors, tracked }
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})

/** A value of the property's wire type for the input (a number for `rating`, a string for the rest). */
const sample = (name: string, type: string) => (type === 'number' ? 4 : `${name}-value`)

/** The core method that sends the event, as the table names it (`sentBy.core`). */
const send = (client: CopilotAnalytics, row: SpecEvent, input: Record<string, unknown>) =>
  (client as unknown as Record<string, (input: unknown) => unknown>)[row.sentBy.core]?.(input)

/** Spec events whose properties the client builds from a core method's input (Message Sent, Action Invoked, ...). */
const built = rows.filter(([, row]) => Object.values(row.properties).some((property) => property.input))

describe('the rules and the table are one', () => {
  it('every rule is about an event and a property of the table', () => {
    for (const [event, rule] of Object.entries(rules)) {
      expect(Object.keys(SPEC_EVENTS), event).toContain(event)
      const row = (SPEC_EVENTS as unknown as Record<string, Row>)[event] as Row
      for (const [property, propertyRule] of Object.entries(rule.properties ?? {})) {
        expect(Object.keys(row.properties), `${event}.${property}`).toContain(property)
        expect(row.properties[property], `${event}.${property}`).toMatchObject(propertyRule)
      }
    }
  })

  it("the lifecycle events are SPEC.md's: Conversation Started/Ended, Message Sent/Received, and identify", () => {
    expect(rows.filter(([, row]) => row.lifecycle).map(([name]) => name)).toEqual([
      'Conversation Started',
      'Message Sent',
      'Message Received',
      'Conversation Ended',
    ])
    expect(SPEC_IDENTIFY).toMatchObject({ name: 'Identify', lifecycle: true })
  })

  it('the defaults are the spec’s: customer for Message Sent and Action Invoked, agent for the others', () => {
    const defaults = rows.flatMap(([name, row]) => (row.properties.role ? [[name, row.properties.role.default]] : []))
    expect(Object.fromEntries(defaults)).toEqual({
      'Message Sent': 'customer',
      'Message Received': 'agent',
      'Action Invoked': 'customer',
      'Media Generated': 'agent',
    })
  })
})

describe('sampling refuses a rate for exactly the lifecycle events', () => {
  const names = [...rows.map(([name]) => name), 'Identify', 'identify', 'Tool Invoked', 'Stock Purchased']
  it.each(names)('%s', (name) => {
    const reports: [string, string, string][] = []
    const reporter: Reporter = { report: (event, field, problem) => void reports.push([event, field, problem]) }
    const sampler = createSampler({ [name]: 0.5 }, reporter, () => 0.9)
    const row = rows.find(([event]) => event === name)?.[1]
    const lifecycle = row ? row.lifecycle === true : name.toLowerCase() === SPEC_IDENTIFY.name.toLowerCase()
    if (lifecycle) {
      expect(reports).toEqual([[name, 'sample', 'never sampled']])
      expect(sampler).toBeUndefined()
    } else {
      expect(reports).toEqual([])
      // 0.9 is over the rate: sampled out
      expect(sampler?.({ type: 'track', event: name, properties: {}, anonymousId: 'a' } as never)).toBeNull()
    }
  })
})

describe('the client sends what the table says', () => {
  it.each(built)(
    '%s: each input field the table names is read into its wire property; others go out as they came',
    async (event, row) => {
      const { client, tracked } = setup()
      const input: Record<string, unknown> = { note: 'kept' }
      for (const [name, property] of Object.entries(row.properties)) {
        if (property.input) input[property.input] = sample(name, property.type)
      }
      send(client, row, input)
      await client.flush()
      const [properties] = tracked(event)
      expect(properties, `${row.sentBy.core} sent no ${event}`).toBeDefined()
      for (const [name, property] of Object.entries(row.properties)) {
        if (!property.input) continue
        expect(properties?.[name], `${event}.${name} from input.${property.input}`).toBe(input[property.input])
        // read under its input name, sent under its wire name only
        if (property.input !== name) expect(properties).not.toHaveProperty(property.input)
      }
      expect(properties?.note).toBe('kept')
    },
  )

  const defaulted = built.flatMap(([event, row]) =>
    Object.entries(row.properties).flatMap(([name, property]) =>
      property.default === undefined ? [] : [[event, name, row, property] as const],
    ),
  )
  it.each(defaulted)(
    '%s: without %s, the table’s default is sent; an unusable one is reported and replaced',
    async (event, name, row, property) => {
      const { client, errors, tracked } = setup()
      const input: Record<string, unknown> = {}
      for (const [other, otherProperty] of Object.entries(row.properties)) {
        if (otherProperty.input && other !== name) input[otherProperty.input] = sample(other, otherProperty.type)
      }
      send(client, row, input)
      send(client, row, { ...input, [property.input ?? name]: 42 })
      send(client, row, { ...input, [property.input ?? name]: 'someone_else' })
      await client.flush()
      expect(tracked(event).map((properties) => properties[name])).toEqual([
        property.default,
        property.default,
        'someone_else',
      ])
      expect(errors.map((error) => error.message)).toEqual([
        `[copilot-analytics] ${event}: ${name}: must be a non-empty string; sent as "${property.default}"`,
      ])
    },
  )

  it('an unreadable body is left out, as the warning says (not sent under its wire name)', async () => {
    const { client, errors, tracked } = setup()
    client.messageSent({ body: undefined as never, message_body: { html: '<b>hi</b>' } })
    await client.flush()
    expect(tracked('Message Sent')[0]).not.toHaveProperty('message_body')
    expect(errors.map((error) => error.message)).toEqual([
      '[copilot-analytics] Message Sent: message_body: must be a string, got object; sent without message_body',
    ])
  })
})
