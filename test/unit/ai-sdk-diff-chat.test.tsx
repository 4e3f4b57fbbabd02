/**
 * diffChat, the pure step behind useChatAnalytics: a run of chat snapshots in, the events they call for out.
 * Table-driven: each case is what the chat looked like at each commit and the events a user expects, in order.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ChatAnalyticsOptions, ChatMessageLike } from '../../src/ai-sdk'
import type { ChatEvent } from '../../src/ai-sdk/ChatEvent'
import type { ChatMemory } from '../../src/ai-sdk/ChatMemory'
import type { ChatSnapshot } from '../../src/ai-sdk/ChatSnapshot'
import { diffChat } from '../../src/ai-sdk/diffChat'
import { assistant, text, tool, user } from '../support/chatMessages'

/** One commit: its time, status and messages (and the error and request count when they matter). */
type Commit = [now: number, status: string, messages: ChatMessageLike[], extra?: Partial<ChatSnapshot>]

/** Folds diffChat over the commits, as useChatAnalytics does, and collects what it lists. */
function run(commits: readonly Commit[], options: ChatAnalyticsOptions = {}) {
  let memory: ChatMemory | undefined
  const events: ChatEvent[] = []
  const warnings: string[] = []
  for (const [now, status, messages, extra] of commits) {
    const diff = diffChat(memory, { messages, status, ...extra }, options, now)
    memory = diff.memory
    events.push(...diff.events)
    warnings.push(...diff.warnings.map((warning) => warning.message))
  }
  return { events: events.map((event): [string, unknown] => [event.name, event.input]), warnings }
}

const q1 = user('u1', 'Price of NVDA?')
const a1 = assistant('a1', [text('NVDA trades at 181.20.')])
const buy = { buyStock: { type: 'Stock Purchase', action: () => 'buy 10 NVDA', component: 'Purchase Receipt' } }
const longError = `${'x'.repeat(198)}😀 and more`

interface Case {
  readonly name: string
  readonly commits: readonly Commit[]
  readonly options?: ChatAnalyticsOptions
  readonly events: readonly [string, unknown][]
  readonly warnings?: readonly string[]
}

const cases: readonly Case[] = [
  {
    name: 'a new user message leaving: Message Sent with its ID and text',
    commits: [
      [0, 'ready', []],
      [10, 'submitted', [q1]],
    ],
    events: [['Message Sent', { body: 'Price of NVDA?', messageId: 'u1' }]],
  },
  {
    name: 'a streamed answer finishing: one Message Received, timed from the request, never per token',
    commits: [
      [0, 'ready', []],
      [100, 'submitted', [q1]],
      [150, 'streaming', [q1, assistant('a1', [])]],
      [220, 'streaming', [q1, assistant('a1', [text('NVDA', 'streaming')])]],
      [300, 'streaming', [q1, assistant('a1', [text('NVDA trades', 'streaming')])]],
      [400, 'ready', [q1, assistant('a1', [text('NVDA trades at 181.20.')], { model: 'gpt-x', finishReason: 'stop' })]],
    ],
    events: [
      ['Message Sent', { body: 'Price of NVDA?', messageId: 'u1' }],
      [
        'Message Received',
        {
          body: 'NVDA trades at 181.20.',
          messageId: 'a1',
          model: 'gpt-x',
          finish_reason: 'stop',
          latency_ms: 300,
          time_to_first_token_ms: 120,
          reply_to_message_id: 'u1',
        },
      ],
    ],
  },
  {
    name: 'a tool call and its result: Action Invoked once its input is complete, Component Loaded with the result',
    options: { tools: buy },
    commits: [
      [0, 'ready', []],
      [1, 'submitted', [q1]],
      [2, 'streaming', [q1, assistant('a1', [tool('buyStock', 'c1', 'input-streaming', { qty: 1 })])]],
      [3, 'streaming', [q1, assistant('a1', [tool('buyStock', 'c1', 'input-available', { qty: 10 })])]],
      [4, 'streaming', [q1, assistant('a1', [tool('buyStock', 'c1', 'output-available', { qty: 10 }, { ok: 1 })])]],
      [
        5,
        'ready',
        [q1, assistant('a1', [tool('buyStock', 'c1', 'output-available', { qty: 10 }, { ok: 1 }), text('Bought.')])],
      ],
    ],
    events: [
      ['Message Sent', { body: 'Price of NVDA?', messageId: 'u1' }],
      [
        'Action Invoked',
        { type: 'Stock Purchase', action: 'buy 10 NVDA', messageId: 'a1', role: 'agent', tool_call_id: 'c1' },
      ],
      ['Component Loaded', { type: 'Purchase Receipt', messageId: 'a1', tool_call_id: 'c1' }],
      ['Message Received', expect.objectContaining({ body: 'Bought.', messageId: 'a1' })],
    ],
  },
  {
    name: 'generated media: Media Generated per image, video or audio file, not for other files',
    commits: [
      [0, 'ready', []],
      [1, 'submitted', [q1]],
      [
        2,
        'ready',
        [
          q1,
          assistant('a1', [
            { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,AA' },
            { type: 'file', mediaType: 'application/pdf', url: 'https://example.test/a.pdf' },
            { type: 'file', mediaType: 'audio/mpeg', url: 'https://example.test/a.mp3' },
          ]),
        ],
      ],
    ],
    events: [
      ['Message Sent', expect.anything()],
      ['Media Generated', { type: 'image', subType: 'png', messageId: 'a1', role: 'agent' }],
      ['Media Generated', { type: 'audio', subType: 'mp3', messageId: 'a1', role: 'agent' }],
      // no text: the media stand for the answer
    ],
  },
  {
    name: 'an error: Message Failed with the error cut to 200 characters, an emoji kept whole or left out',
    commits: [
      [0, 'ready', []],
      [10, 'submitted', [q1]],
      [20, 'streaming', [q1, assistant('a1', [text('Let me', 'streaming')])]],
      [60, 'error', [q1, assistant('a1', [text('Let me', 'streaming')])], { error: new Error(longError) }],
    ],
    events: [
      ['Message Sent', expect.anything()],
      [
        'Message Failed',
        {
          messageId: 'a1',
          reason: 'error',
          error: `${'x'.repeat(198)}…`,
          message_body: 'Let me',
          role: 'agent',
          latency_ms: 50,
          time_to_first_token_ms: 10,
          reply_to_message_id: 'u1',
        },
      ],
    ],
  },
  {
    name: 'stop() before anything arrived: Message Failed stopped, without a messageId',
    commits: [
      [0, 'ready', []],
      [10, 'submitted', [q1]],
      [40, 'ready', [q1]],
    ],
    events: [
      ['Message Sent', expect.anything()],
      ['Message Failed', { reason: 'stopped', role: 'agent', latency_ms: 30, reply_to_message_id: 'u1' }],
    ],
  },
  {
    name: 'regenerate: no second Message Sent; the new answer names the one it replaces',
    commits: [
      [0, 'ready', []],
      [1, 'submitted', [q1]],
      [2, 'ready', [q1, a1]],
      [3, 'submitted', [q1]],
      [5, 'ready', [q1, assistant('a2', [text('NVDA is at 181.20.')])]],
    ],
    events: [
      ['Message Sent', expect.anything()],
      ['Message Received', expect.objectContaining({ messageId: 'a1' })],
      [
        'Message Received',
        expect.objectContaining({ messageId: 'a2', regenerated: true, replaces_message_id: 'a1', latency_ms: 2 }),
      ],
    ],
  },
  {
    name: 'an edited question (same ID, new text): its new answer is marked edited, the question not sent again',
    commits: [
      [0, 'ready', []],
      [1, 'submitted', [q1]],
      [2, 'ready', [q1, a1]],
      [3, 'submitted', [user('u1', 'Price of AMD?')]],
      [4, 'ready', [user('u1', 'Price of AMD?'), assistant('a2', [text('AMD is at 160.')])]],
    ],
    events: [
      ['Message Sent', expect.anything()],
      ['Message Received', expect.objectContaining({ messageId: 'a1' })],
      ['Message Received', expect.objectContaining({ messageId: 'a2', edited: true, replaces_message_id: 'a1' })],
    ],
  },
  {
    name: "an answer whose ID is replaced mid-stream (the server's ID arrives): counted once, under the final ID",
    options: { tools: buy },
    commits: [
      [0, 'ready', []],
      [1, 'submitted', [q1]],
      [2, 'streaming', [q1, assistant('client-id', [tool('buyStock', 'c1', 'input-available', {})])]],
      [3, 'streaming', [q1, assistant('server-id', [tool('buyStock', 'c1', 'input-available', {})])]],
      [4, 'ready', [q1, assistant('server-id', [tool('buyStock', 'c1', 'output-available', {}, {}), text('Done.')])]],
    ],
    events: [
      ['Message Sent', expect.anything()],
      ['Action Invoked', expect.objectContaining({ tool_call_id: 'c1' })],
      ['Component Loaded', expect.objectContaining({ messageId: 'server-id' })],
      ['Message Received', expect.objectContaining({ messageId: 'server-id', body: 'Done.' })],
    ],
  },
  {
    name: 'a request that commits in one render (issue 14): live, since the app started a request',
    commits: [
      [0, 'ready', [], { requests: 0 }],
      [5, 'ready', [q1, a1], { requests: 1 }],
    ],
    events: [
      ['Message Sent', { body: 'Price of NVDA?', messageId: 'u1' }],
      ['Message Received', expect.objectContaining({ messageId: 'a1', reply_to_message_id: 'u1' })],
    ],
  },
  {
    name: 'a request that fails within one render: Message Sent, then Message Failed',
    commits: [
      [0, 'ready', [], { requests: 0 }],
      [5, 'error', [q1], { requests: 1, error: new Error('overloaded') }],
    ],
    events: [
      ['Message Sent', expect.anything()],
      ['Message Failed', expect.objectContaining({ reason: 'error', error: 'overloaded' })],
    ],
  },
  {
    name: 'a new error status in one render, even with no request counted: the question was sent and failed',
    commits: [
      [0, 'ready', [], { requests: 0 }],
      [5, 'error', [q1], { requests: 0, error: new Error('overloaded') }],
    ],
    events: [
      ['Message Sent', expect.anything()],
      ['Message Failed', expect.objectContaining({ reason: 'error', error: 'overloaded' })],
    ],
  },
  {
    name: 'messages set in one render without a request (setMessages): history, nothing listed',
    commits: [
      [0, 'ready', [], { requests: 0 }],
      [5, 'ready', [q1, a1], { requests: 0 }],
    ],
    events: [],
  },
  {
    name: 'history on the first snapshot is never listed, nor the same snapshot twice',
    options: { tools: buy },
    commits: [
      [0, 'ready', [q1, assistant('a0', [tool('buyStock', 'c0', 'output-available', {}, {}), text('Old.')])]],
      [1, 'ready', [q1, assistant('a0', [tool('buyStock', 'c0', 'output-available', {}, {}), text('Old.')])]],
    ],
    events: [],
  },
  {
    name: 'a stream resumed on page load: its answer is new (resumed), its question history',
    commits: [
      [0, 'streaming', [q1]],
      [50, 'ready', [q1, a1]],
    ],
    events: [
      ['Message Received', expect.objectContaining({ messageId: 'a1', resumed: true, reply_to_message_id: 'u1' })],
    ],
  },
  {
    name: 'a message left over when a request ends is history: a re-render does not take it for a new request',
    commits: [
      [0, 'submitted', [], { requests: 0 }],
      [1, 'ready', [q1], { requests: 1 }],
      [2, 'ready', [q1], { requests: 1 }],
    ],
    events: [['Message Failed', { reason: 'stopped', role: 'agent', resumed: true }]],
  },
  {
    name: 'an app function that throws: a warning, and the default (the input as JSON), never a throw',
    options: {
      tools: {
        search: {
          action: () => {
            throw new Error('bad')
          },
        },
      },
    },
    commits: [
      [0, 'ready', []],
      [1, 'submitted', [q1]],
      [2, 'ready', [q1, assistant('a1', [tool('search', 's1', 'output-available', { q: 'nvda' }, [])])]],
    ],
    events: [
      ['Message Sent', expect.anything()],
      ['Action Invoked', expect.objectContaining({ type: 'search', action: '{"q":"nvda"}' })],
    ],
    warnings: ['tools.search.action threw; using the default'],
  },
  {
    name: 'a long tool input: the default action is cut to 200 characters, an emoji kept whole or left out',
    commits: [
      [0, 'ready', []],
      [1, 'submitted', [q1]],
      [2, 'ready', [q1, assistant('a1', [tool('note', 'n1', 'output-available', `${'x'.repeat(198)}😀 tail`, {})])]],
    ],
    events: [
      ['Message Sent', expect.anything()],
      ['Action Invoked', expect.objectContaining({ type: 'note', action: `${'x'.repeat(198)}…` })],
    ],
  },
  {
    name: "messageReceivedFrom 'server': everything but Message Received",
    options: { messageReceivedFrom: 'server' },
    commits: [
      [0, 'ready', []],
      [1, 'submitted', [q1]],
      [2, 'ready', [q1, a1]],
    ],
    events: [['Message Sent', expect.anything()]],
  },
]

describe('diffChat', () => {
  it.each(cases)('$name', ({ commits, options, events, warnings = [] }) => {
    const result = run(commits, options)
    expect(result.events).toEqual(events)
    expect(result.warnings).toEqual(warnings)
  })

  it('changes nothing it is given: the memory it was passed is the same after, and can be diffed again', () => {
    const first = diffChat(undefined, { messages: [], status: 'ready' }, {}, 0)
    const sent = diffChat(first.memory, { messages: [q1], status: 'submitted' }, {}, 1)
    const before = structuredClone(sent.memory)
    const done = diffChat(sent.memory, { messages: [q1, a1], status: 'ready' }, {}, 2)
    expect(done.events.map((event) => event.name)).toEqual(['Message Received'])
    expect(sent.memory).toEqual(before)
    // the same step again from the same memory lists the same events: nothing was remembered in between
    const again = diffChat(sent.memory, { messages: [q1, a1], status: 'ready' }, {}, 2)
    expect(again.events).toEqual(done.events)
  })
  it('over any run of snapshots: never throws, each question sent once, each answer settled once, a repeat lists nothing (seeded fuzz)', () => {
    const message = fc.record({
      id: fc.constantFrom('u1', 'u2', 'a1', 'a2', 'a3'),
      role: fc.constantFrom('user', 'assistant', 'system'),
      parts: fc.array(
        fc.oneof(
          fc.record({
            type: fc.constant('text'),
            text: fc.string({ maxLength: 5 }),
            state: fc.constantFrom('streaming', 'done'),
          }),
          fc.record({
            type: fc.constant('tool-t'),
            toolCallId: fc.constantFrom('c1', 'c2'),
            state: fc.constantFrom('input-streaming', 'input-available', 'output-available', 'approval-requested'),
            input: fc.anything(),
          }),
          fc.record({ type: fc.constant('file'), mediaType: fc.constantFrom('image/png', 'text/plain') }),
        ),
        { maxLength: 3 },
      ),
    })
    const commit = fc.record({
      status: fc.constantFrom('ready', 'submitted', 'streaming', 'error'),
      messages: fc.uniqueArray(message, { maxLength: 5, selector: (m) => m.id }),
      requests: fc.nat(3),
    })
    fc.assert(
      fc.property(fc.array(commit, { maxLength: 12 }), (commits) => {
        let memory: ChatMemory | undefined
        const sent: string[] = []
        const settled: string[] = []
        let requests = 0
        commits.forEach((next, now) => {
          requests += next.requests
          const snapshot = { messages: next.messages as ChatMessageLike[], status: next.status, requests }
          const diff = diffChat(memory, snapshot, { tools: { t: { component: 'T' } } }, now)
          for (const event of diff.events) {
            const id = event.input.messageId as string | undefined
            if (event.name === 'Message Sent' && id) sent.push(id)
            if ((event.name === 'Message Received' || event.name === 'Message Failed') && id) settled.push(id)
          }
          // the same commit again (a re-render, StrictMode) lists nothing
          expect(diffChat(diff.memory, snapshot, {}, now).events).toEqual([])
          memory = diff.memory
        })
        expect(new Set(sent).size).toBe(sent.length)
        expect(new Set(settled).size).toBe(settled.length)
      }),
      { seed: 19, numRuns: 500 },
    )
  })
})
