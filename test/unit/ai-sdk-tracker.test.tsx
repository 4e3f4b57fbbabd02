/**
 * createChatTracker fed chat snapshots directly: how React may batch useChat's states (a request seen only as
 * `submitted` then `ready`, several chunks in one commit), tools that wait for the app, resumed streams, exact
 * timings (the tracker is given the time of each commit).
 */
import { describe, expect, it, vi } from 'vitest'
import { type ChatAnalyticsOptions, type ChatMessageLike, MESSAGE_FAILED } from '../../src/ai-sdk'
import { createChatTracker } from '../../src/ai-sdk/createChatTracker'
import { type CopilotEvent, createCopilotAnalytics, memoryDestination } from '../../src/core'
import { assistant, text, tool, user } from '../support/chatMessages'

async function setup(options: ChatAnalyticsOptions = {}) {
  const destination = memoryDestination()
  const client = createCopilotAnalytics({ destination, storage: null, validate: 'strict' })
  await client.flush() // its engine is here: events reach the destination as they are made
  const tracker = createChatTracker()
  const update = (now: number, status: string, messages: ChatMessageLike[], error?: Error) =>
    tracker.update({ messages, status, error }, client, options, now)
  const tracks = () => destination.events.flatMap((event: CopilotEvent) => (event.type === 'track' ? [event] : []))
  const names = () => tracks().map((event) => event.event)
  const last = (name: string) =>
    tracks()
      .filter((event) => event.event === name)
      .at(-1)?.properties
  return { update, tracks, names, last }
}

describe('createChatTracker', () => {
  it('measures latency and time to first token from the commits it sees', async () => {
    const { update, names, last } = await setup()
    update(0, 'ready', [])
    update(100, 'submitted', [user('u1', 'Hi')])
    update(150, 'streaming', [user('u1', 'Hi'), assistant('a1', [])])
    update(220, 'streaming', [user('u1', 'Hi'), assistant('a1', [text('Hel', 'streaming')])])
    update(300, 'streaming', [user('u1', 'Hi'), assistant('a1', [text('Hello there', 'streaming')])])
    expect(names()).toEqual(['Conversation Started', 'Message Sent'])
    update(400, 'ready', [user('u1', 'Hi'), assistant('a1', [text('Hello there')])])
    expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
    expect(last('Message Received')).toMatchObject({
      messageId: 'a1',
      message_body: 'Hello there',
      latency_ms: 300,
      time_to_first_token_ms: 120,
      reply_to_message_id: 'u1',
    })
  })

  it('copes with commits that batch several states (submitted and streaming together, streaming skipped)', async () => {
    const { update, names, last } = await setup()
    update(0, 'ready', [])
    update(10, 'streaming', [user('u1', 'Hi'), assistant('a1', [text('Hel', 'streaming')])])
    update(90, 'ready', [user('u1', 'Hi'), assistant('a1', [text('Hello')])])
    update(100, 'submitted', [user('u1', 'Hi'), assistant('a1', [text('Hello')]), user('u2', 'More')])
    update(250, 'ready', [
      user('u1', 'Hi'),
      assistant('a1', [text('Hello')]),
      user('u2', 'More'),
      assistant('a2', [text('Sure')]),
    ])
    expect(names()).toEqual([
      'Conversation Started',
      'Message Sent',
      'Message Received',
      'Message Sent',
      'Message Received',
    ])
    expect(last('Message Received')).toMatchObject({ messageId: 'a2', latency_ms: 150, time_to_first_token_ms: 150 })
  })

  it('sends nothing for the same snapshot twice (StrictMode effects, re-renders)', async () => {
    const { update, tracks } = await setup()
    const done = [user('u1', 'Hi'), assistant('a1', [text('Hello')])]
    update(0, 'ready', [])
    update(1, 'submitted', [user('u1', 'Hi')])
    update(1, 'submitted', [user('u1', 'Hi')])
    update(2, 'ready', done)
    update(2, 'ready', done)
    update(3, 'ready', [...done])
    expect(tracks()).toHaveLength(3)
  })

  it('waits for a tool result or an approval, then counts the continued answer once', async () => {
    const { update, names, last } = await setup({
      tools: { buyStock: { type: 'Stock Purchase', component: 'Purchase Receipt' } },
    })
    const question = user('u1', 'Buy 10 NVDA')
    update(0, 'ready', [])
    update(100, 'submitted', [question])
    const asking = assistant('a1', [
      text('Placing the order.'),
      tool('buyStock', 'c1', 'approval-requested', { qty: 10 }),
    ])
    update(200, 'ready', [question, asking])
    expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Action Invoked'])
    // the user approves, the tool runs in the browser: the same assistant message continues
    const approved = assistant('a1', [
      text('Placing the order.'),
      tool('buyStock', 'c1', 'output-available', { qty: 10 }, { ok: true }),
    ])
    update(5000, 'ready', [question, approved])
    update(5010, 'submitted', [question, approved])
    const finished = assistant('a1', [
      text('Placing the order.'),
      tool('buyStock', 'c1', 'output-available', { qty: 10 }, { ok: true }),
      text('Done: 10 NVDA bought.'),
    ])
    update(5100, 'streaming', [question, finished])
    update(5200, 'ready', [question, finished])
    expect(names()).toEqual([
      'Conversation Started',
      'Message Sent',
      'Action Invoked',
      'Component Loaded',
      'Message Received',
    ])
    expect(last('Action Invoked')).toMatchObject({
      type: 'Stock Purchase',
      action: '{"qty":10}',
      messageId: 'a1',
      role: 'agent',
    })
    expect(last('Component Loaded')).toMatchObject({ type: 'Purchase Receipt', messageId: 'a1' })
    expect(last('Message Received')).toMatchObject({
      messageId: 'a1',
      message_body: 'Placing the order.\n\nDone: 10 NVDA bought.',
      latency_ms: 5100,
      time_to_first_token_ms: 100,
    })
  })

  it('counts an answer left waiting for a tool when the next question is sent', async () => {
    const { update, names } = await setup()
    const question = user('u1', 'Weather?')
    const waiting = assistant('a1', [
      text('Let me find where you are.'),
      tool('getLocation', 'c1', 'input-available', {}),
    ])
    update(0, 'ready', [])
    update(1, 'submitted', [question])
    update(2, 'ready', [question, waiting])
    update(3, 'submitted', [question, waiting, user('u2', 'Never mind')])
    expect(names()).toEqual([
      'Conversation Started',
      'Message Sent',
      'Action Invoked',
      'Message Received',
      'Message Sent',
    ])
  })

  it('sends Message Failed when the request fails or is stopped before any answer', async () => {
    const { update, names, last } = await setup()
    update(0, 'ready', [])
    update(10, 'submitted', [user('u1', 'Hi')])
    update(60, 'error', [user('u1', 'Hi')], new Error('Failed to fetch'))
    expect(last(MESSAGE_FAILED)).toEqual({
      conversationId: expect.any(String),
      reason: 'error',
      error: 'Failed to fetch',
      role: 'agent',
      latency_ms: 50,
      reply_to_message_id: 'u1',
    })
    // retry (regenerate after the error): the same question again, then stop before anything arrives
    update(100, 'submitted', [user('u1', 'Hi')])
    update(130, 'ready', [user('u1', 'Hi')])
    expect(names()).toEqual(['Conversation Started', 'Message Sent', MESSAGE_FAILED, MESSAGE_FAILED])
    expect(last(MESSAGE_FAILED)).toMatchObject({ reason: 'stopped', regenerated: true, latency_ms: 30 })
    expect(last(MESSAGE_FAILED)).not.toHaveProperty('messageId')
  })

  it('treats a stream resumed on page load as a new answer to a question already counted', async () => {
    const { update, names, last } = await setup()
    update(0, 'streaming', [user('u1', 'Hi')])
    update(50, 'ready', [user('u1', 'Hi'), assistant('a1', [text('Back again')])])
    expect(names()).toEqual(['Message Received'])
    expect(last('Message Received')).toMatchObject({ messageId: 'a1', resumed: true, reply_to_message_id: 'u1' })
    expect(last('Message Received')).not.toHaveProperty('latency_ms')
  })

  it('follows the per-tool options and never lets an app function throw', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { update, names, last } = await setup({
      tools: {
        search: {
          action: () => {
            throw new Error('bad describer')
          },
        },
        internal: { track: false },
        chart: { component: ({ output }) => ((output as { rows: number }).rows > 0 ? 'Result Chart' : undefined) },
      },
      media: false,
    })
    update(0, 'ready', [])
    update(1, 'submitted', [user('u1', 'q')])
    const parts = [
      tool('search', 's1', 'output-available', { q: 'nvda' }, []),
      tool('internal', 'i1', 'output-available', {}, {}),
      tool('chart', 'empty', 'output-available', {}, { rows: 0 }),
      tool('chart', 'full', 'output-available', {}, { rows: 3 }),
      { type: 'dynamic-tool', toolName: 'mcpLookup', toolCallId: 'd1', state: 'input-available', input: { id: 7 } },
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,AA' },
      text('ok'),
    ]
    update(2, 'ready', [user('u1', 'q'), assistant('a1', parts)])
    expect(names()).toEqual([
      'Conversation Started',
      'Message Sent',
      'Action Invoked',
      'Action Invoked',
      'Action Invoked',
      'Component Loaded',
      'Action Invoked',
      // the dynamic tool waits for its result in the browser: the answer is counted when it continues
    ])
    expect(last('Component Loaded')).toMatchObject({ type: 'Result Chart', tool_call_id: 'full' })
    expect(last('Action Invoked')).toMatchObject({ type: 'mcpLookup', action: '{"id":7}' })
    expect(warn.mock.calls.map((call) => String(call[0])).join('\n')).toMatch(/tools\.search\.action threw/)
  })

  it('names media by their spec type and subtype', async () => {
    const { update, tracks } = await setup()
    update(0, 'ready', [])
    update(1, 'submitted', [user('u1', 'Make media')])
    const files = ['image/png', 'image/svg+xml', 'audio/mpeg', 'video/mp4', 'application/pdf'].map((mediaType) => ({
      type: 'file',
      mediaType,
      url: 'https://example.test/file',
    }))
    update(2, 'ready', [user('u1', 'Make media'), assistant('a1', files)])
    const media = tracks().filter((event) => event.event === 'Media Generated')
    expect(media.map((event) => [event.properties.type, event.properties.sub_type])).toEqual([
      ['image', 'png'],
      ['image', 'svg'],
      ['audio', 'mp3'],
      ['video', 'mp4'],
    ])
  })

  it('sends no Message Received for an answer without text (its tool and component events stand for it)', async () => {
    const { update, names } = await setup({ tools: { showChart: { component: 'Stock Chart' } } })
    update(0, 'ready', [])
    update(1, 'submitted', [user('u1', 'Chart NVDA')])
    update(2, 'ready', [
      user('u1', 'Chart NVDA'),
      assistant('a1', [tool('showChart', 'c1', 'output-available', { s: 'NVDA' }, {})]),
    ])
    expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Action Invoked', 'Component Loaded'])
  })
})
