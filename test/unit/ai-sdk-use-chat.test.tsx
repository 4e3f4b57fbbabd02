/**
 * useChatAnalytics over a real `useChat`: the real AI SDK stack end to end (useChat → ChatTransport → streamText
 * over a scripted MockLanguageModelV4 → UI message stream), rendered by React as in a browser.
 */
import { type UseChatHelpers, useChat } from '@ai-sdk/react'
import { render, waitFor } from '@testing-library/react'
import { type InferUITools, lastAssistantMessageIsCompleteWithToolCalls, tool, type UIMessage } from 'ai'
import { StrictMode, useState } from 'react'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { type ChatAnalyticsOptions, type ChatLike, MESSAGE_FAILED, useChatAnalytics } from '../../src/ai-sdk'
import { copilotMessageMetadata } from '../../src/ai-sdk/server'
import { type CopilotEvent, createCopilotAnalytics, memoryDestination } from '../../src/core'
import { CopilotAnalyticsProvider } from '../../src/react'
import { setActEnvironment } from '../support/actEnvironment'
import { chunk, gate, PIXEL_PNG, type ScriptTurn, scriptedTransport } from '../support/scriptedModel'

// React commits each state of the chat as it would in a browser (inside act() a whole request would be one commit)
setActEnvironment(false)

const tools = {
  getStockPrice: tool({
    description: 'The latest price of a stock',
    inputSchema: z.object({ symbol: z.string() }),
    execute: async ({ symbol }) => ({ symbol, price: 181.2 }),
  }),
  // no execute: the browser supplies the result with addToolOutput
  getLocation: tool({
    description: 'Where the user is',
    inputSchema: z.object({}),
    outputSchema: z.object({ city: z.string() }),
  }),
}

const toolOptions: ChatAnalyticsOptions['tools'] = {
  getStockPrice: {
    type: 'Stock Price Lookup',
    action: ({ input }) => `price of ${(input as { symbol: string }).symbol}`,
    component: 'Stock Price Chart',
  },
}

/** A question answered with a tool call, its result, text and a generated chart image. */
const toolTurn: ScriptTurn = [
  [chunk.toolCall('call-1', 'getStockPrice', { symbol: 'NVDA' }), chunk.finish('tool-calls', { input: 12, output: 8 })],
  [
    ...chunk.text('t1', 'NVDA trades at 181.20 today.'),
    chunk.file('image/png', PIXEL_PNG),
    chunk.finish('stop', { input: 30, output: 14 }),
  ],
]
const textTurn = (text: string): ScriptTurn => [[...chunk.text('t', text), chunk.finish('stop')]]

interface SetupOptions {
  turns: readonly ScriptTurn[]
  options?: ChatAnalyticsOptions
  messages?: UIMessage[]
  strict?: boolean
  useChatId?: boolean
  /** Continue automatically once every tool call has a result (client-side tools). */
  autoContinue?: boolean
}

function setup({
  turns,
  options = {},
  messages,
  strict = false,
  useChatId = false,
  autoContinue = false,
}: SetupOptions) {
  const destination = memoryDestination()
  const client = createCopilotAnalytics({ destination, storage: null, validate: 'strict' })
  const transport = scriptedTransport({
    turns,
    tools,
    modelId: 'gpt-scripted-1',
    messageMetadata: copilotMessageMetadata,
  })
  let current: UseChatHelpers<UIMessage> | undefined
  let rerender = () => {}
  let setOverrides: (next: ChatAnalyticsOptions) => void = () => {}
  function Chat() {
    const chat = useChat({
      transport,
      ...(messages ? { messages } : {}),
      ...(autoContinue ? { sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithToolCalls } : {}),
    })
    const [, setTick] = useState(0)
    const [overrides, setOverridesState] = useState<ChatAnalyticsOptions>({})
    rerender = () => setTick((tick) => tick + 1)
    setOverrides = setOverridesState
    current = chat
    useChatAnalytics(chat, {
      tools: toolOptions,
      ...options,
      ...overrides,
      ...(useChatId ? { conversationId: chat.id } : {}),
    })
    return (
      <ul data-enabled={String(overrides.enabled ?? '')}>
        {chat.messages.map((message) => (
          <li key={message.id}>{message.role}</li>
        ))}
      </ul>
    )
  }
  const tree = (
    <CopilotAnalyticsProvider client={client}>
      <Chat />
    </CopilotAnalyticsProvider>
  )
  render(strict ? <StrictMode>{tree}</StrictMode> : tree)
  const chat = () => {
    if (!current) throw new Error('not rendered')
    return current
  }
  const tracks = () => destination.events.flatMap((event: CopilotEvent) => (event.type === 'track' ? [event] : []))
  const names = () => tracks().map((event) => event.event)
  const find = (name: string) => tracks().filter((event) => event.event === name)
  /** Waits until the chat is idle again and `name` was tracked `times` times. */
  const settle = async (name: string, times = 1) =>
    waitFor(() => {
      expect(chat().status === 'ready' || chat().status === 'error').toBe(true)
      expect(find(name)).toHaveLength(times)
    })
  return {
    client,
    chat,
    tracks,
    names,
    find,
    settle,
    transport,
    rerender: () => rerender(),
    setOptions: (next: ChatAnalyticsOptions) => setOverrides(next),
  }
}

describe('useChatAnalytics with a real useChat', () => {
  it('sends every spec event of an answer with tools, a file and metadata, in order, once', async () => {
    const { chat, tracks, names, settle, client, rerender } = setup({ turns: [toolTurn] })
    expect(names()).toEqual([])
    void chat().sendMessage({ text: 'How is NVDA doing?' })
    await settle('Message Received')

    const [user, answer] = chat().messages
    expect(user?.role).toBe('user')
    expect(answer?.role).toBe('assistant')
    const conversationId = client.getState().conversation.id
    expect(names()).toEqual([
      'Conversation Started',
      'Message Sent',
      'Action Invoked',
      'Component Loaded',
      'Media Generated',
      'Message Received',
    ])
    const [, sent, action, component, media, received] = tracks()
    expect(sent?.properties).toEqual({
      conversationId,
      messageId: user?.id,
      message_body: 'How is NVDA doing?',
      role: 'customer',
    })
    expect(action?.properties).toEqual({
      conversationId,
      messageId: answer?.id,
      type: 'Stock Price Lookup',
      action: 'price of NVDA',
      role: 'agent',
      tool_call_id: 'call-1',
    })
    expect(component?.properties).toEqual({
      conversationId,
      messageId: answer?.id,
      type: 'Stock Price Chart',
      tool_call_id: 'call-1',
    })
    expect(media?.properties).toEqual({
      conversationId,
      messageId: answer?.id,
      type: 'image',
      sub_type: 'png',
      role: 'agent',
    })
    expect(received?.properties).toMatchObject({
      conversationId,
      messageId: answer?.id,
      message_body: 'NVDA trades at 181.20 today.',
      role: 'agent',
      model: 'gpt-scripted-1',
      finish_reason: 'stop',
      usage: { input_tokens: 42, output_tokens: 22, total_tokens: 64 },
      reply_to_message_id: user?.id,
    })
    const { latency_ms, time_to_first_token_ms } = received?.properties ?? {}
    expect(latency_ms).toEqual(expect.any(Number))
    expect(time_to_first_token_ms).toEqual(expect.any(Number))
    expect(time_to_first_token_ms as number).toBeLessThanOrEqual(latency_ms as number)
    expect(received?.properties).not.toHaveProperty('regenerated')

    // re-renders send nothing again
    rerender()
    rerender()
    await waitFor(() => expect(chat().messages).toHaveLength(2))
    expect(tracks()).toHaveLength(6)
  })

  it('sends one Message Received per answer however many tokens it streams', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ')
    const { chat, find, settle } = setup({ turns: [textTurn(long), textTurn('Second answer.')] })
    void chat().sendMessage({ text: 'Tell me a long story' })
    await settle('Message Received')
    expect(find('Message Received')[0]?.properties.message_body).toBe(long)
    void chat().sendMessage({ text: 'And another' })
    await settle('Message Received', 2)
    expect(find('Message Sent')).toHaveLength(2)
    expect(find('Conversation Started')).toHaveLength(1)
    expect(find('Message Received').map((event) => event.properties.messageId)).toEqual([
      chat().messages[1]?.id,
      chat().messages[3]?.id,
    ])
  })

  it('sends Message Failed, not Message Received, when the stream errors', async () => {
    const failing: ScriptTurn = [[...chunk.text('t', 'Let me check '), chunk.error('upstream model overloaded')]]
    const { chat, names, find, settle } = setup({ turns: [failing] })
    void chat().sendMessage({ text: 'Price of AAPL?' })
    await settle(MESSAGE_FAILED)
    expect(chat().status).toBe('error')
    expect(names()).toEqual(['Conversation Started', 'Message Sent', MESSAGE_FAILED])
    const answer = chat().messages[1]
    expect(find(MESSAGE_FAILED)[0]?.properties).toMatchObject({
      messageId: answer?.id,
      reason: 'error',
      error: 'upstream model overloaded',
      message_body: 'Let me check',
      reply_to_message_id: chat().messages[0]?.id,
    })
  })

  it('sends Message Failed with reason "stopped" when the app stops the answer mid-stream', async () => {
    const hold = gate()
    const stoppable: ScriptTurn = [
      [...chunk.partialText('t', 'The market '), hold.promise, ...chunk.text('t2', 'never shown'), chunk.finish()],
    ]
    const { chat, names, find } = setup({ turns: [stoppable] })
    void chat().sendMessage({ text: 'Summarise the market' })
    await waitFor(() => expect(chat().messages[1]?.parts.some((part) => part.type === 'text')).toBe(true))
    await chat().stop()
    await waitFor(() => expect(find(MESSAGE_FAILED)).toHaveLength(1))
    hold.open()
    expect(names()).toEqual(['Conversation Started', 'Message Sent', MESSAGE_FAILED])
    expect(find(MESSAGE_FAILED)[0]?.properties).toMatchObject({ reason: 'stopped', messageId: chat().messages[1]?.id })
  })

  it('counts a regenerated answer as a new Message Received that replaces the earlier one', async () => {
    const { chat, find, settle, names } = setup({ turns: [textTurn('First answer.'), textTurn('Better answer.')] })
    void chat().sendMessage({ text: 'Best stock?' })
    await settle('Message Received')
    const first = chat().messages[1]?.id
    void chat().regenerate()
    await settle('Message Received', 2)
    const second = chat().messages[1]?.id
    expect(second).not.toBe(first)
    expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Message Received'])
    expect(find('Message Received')[1]?.properties).toMatchObject({
      messageId: second,
      message_body: 'Better answer.',
      regenerated: true,
      replaces_message_id: first,
    })
  })

  it('does not send an edited question again; its new answer says it replaced the old one', async () => {
    const { chat, find, settle, names } = setup({ turns: [textTurn('About NVDA.'), textTurn('About AMD.')] })
    void chat().sendMessage({ text: 'Tell me about NVDA' })
    await settle('Message Received')
    const [user, first] = chat().messages
    void chat().sendMessage({ text: 'Tell me about AMD', messageId: user?.id as string })
    await settle('Message Received', 2)
    expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Message Received'])
    expect(find('Message Received')[1]?.properties).toMatchObject({
      message_body: 'About AMD.',
      regenerated: true,
      edited: true,
      replaces_message_id: first?.id,
      reply_to_message_id: user?.id,
    })
  })

  it('treats restored messages as history under StrictMode, and counts only new ones', async () => {
    const history: UIMessage[] = [
      { id: 'u-old', role: 'user', parts: [{ type: 'text', text: 'Earlier question' }] },
      {
        id: 'a-old',
        role: 'assistant',
        parts: [
          {
            type: 'tool-getStockPrice',
            toolCallId: 'old-call',
            state: 'output-available',
            input: { symbol: 'MSFT' },
            output: { price: 1 },
          },
          { type: 'text', text: 'Earlier answer', state: 'done' },
          { type: 'file', mediaType: 'image/png', url: `data:image/png;base64,${PIXEL_PNG}` },
        ],
      },
    ]
    const { chat, names, find, settle } = setup({ turns: [textTurn('New answer.')], messages: history, strict: true })
    await waitFor(() => expect(chat().messages).toHaveLength(2))
    expect(names()).toEqual([])
    void chat().sendMessage({ text: 'New question' })
    await settle('Message Received')
    expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
    expect(find('Message Sent')[0]?.properties.message_body).toBe('New question')
    expect(find('Message Received')[0]?.properties.message_body).toBe('New answer.')
  })

  it('treats messages loaded with setMessages as history', async () => {
    const { chat, names, settle } = setup({ turns: [textTurn('Fresh.')] })
    chat().setMessages([
      { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'old' }] },
      { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'old answer' }] },
    ])
    await waitFor(() => expect(chat().messages).toHaveLength(2))
    void chat().sendMessage({ text: 'new' })
    await settle('Message Received')
    expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  })

  it('joins the conversation to the chat ID with conversationId: chat.id', async () => {
    const { chat, tracks, settle, client } = setup({ turns: [textTurn('Hi.')], useChatId: true })
    void chat().sendMessage({ text: 'Hello' })
    await settle('Message Received')
    expect(client.getState().conversation.id).toBe(chat().id)
    expect(new Set(tracks().map((event) => event.properties.conversationId))).toEqual(new Set([chat().id]))
  })

  it('counts an answer that waits for a browser-side tool result once, when the chat continues it', async () => {
    const turns: ScriptTurn[] = [
      [[chunk.toolCall('loc-1', 'getLocation', {}), chunk.finish('tool-calls')]],
      [[...chunk.text('t', 'It is sunny in Paris.'), chunk.finish('stop')]],
    ]
    const { chat, names, find, settle, transport } = setup({
      turns,
      autoContinue: true,
      options: { tools: { getLocation: { type: 'Location Lookup', component: 'Location Badge' } } },
    })
    void chat().sendMessage({ text: 'Weather here?' })
    await waitFor(() => {
      expect(chat().status).toBe('ready')
      expect(find('Action Invoked')).toHaveLength(1)
    })
    expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Action Invoked'])
    void chat().addToolOutput({ tool: 'getLocation', toolCallId: 'loc-1', output: { city: 'Paris' } })
    await settle('Message Received')
    expect(transport.requests.map((request) => request.trigger)).toEqual(['submit-message', 'submit-message'])
    expect(chat().messages).toHaveLength(2)
    expect(names()).toEqual([
      'Conversation Started',
      'Message Sent',
      'Action Invoked',
      'Component Loaded',
      'Message Received',
    ])
    expect(find('Message Received')[0]?.properties).toMatchObject({
      messageId: chat().messages[1]?.id,
      message_body: 'It is sunny in Paris.',
      finish_reason: 'stop',
    })
  })

  it("accepts useChat typed with the app's own metadata and tools", () => {
    type AppMessage = UIMessage<{ createdAt: number }, { weather: { city: string } }, InferUITools<typeof tools>>
    const accepts = (chat: UseChatHelpers<AppMessage>): ChatLike => chat
    expectTypeOf(accepts).returns.toEqualTypeOf<ChatLike>()
  })

  it('takes what happened while disabled as history when enabled again, not as new messages', async () => {
    const { chat, names, settle, setOptions } = setup({
      turns: [textTurn('First answer.'), textTurn('Unseen answer.'), textTurn('Third answer.')],
    })
    void chat().sendMessage({ text: 'First' })
    await settle('Message Received')
    setOptions({ enabled: false })
    await waitFor(() => expect(document.querySelector('[data-enabled="false"]')).not.toBeNull())
    void chat().sendMessage({ text: 'While disabled' })
    await waitFor(() => expect(chat().messages).toHaveLength(4))
    await waitFor(() => expect(chat().status).toBe('ready'))
    setOptions({ enabled: true })
    await waitFor(() => expect(document.querySelector('[data-enabled="true"]')).not.toBeNull())
    expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
    void chat().sendMessage({ text: 'Third' })
    await settle('Message Received', 2)
    expect(names()).toEqual([
      'Conversation Started',
      'Message Sent',
      'Message Received',
      'Message Sent',
      'Message Received',
    ])
  })

  it('tracks nothing while disabled, and takes what happened meanwhile as history once enabled', async () => {
    const { chat, names, find, settle, setOptions } = setup({
      turns: [textTurn('Unseen answer.'), textTurn('Seen answer.')],
      options: { enabled: false, role: 'ai_agent' },
    })
    void chat().sendMessage({ text: 'Before consent' })
    await waitFor(() => expect(chat().messages).toHaveLength(2))
    await waitFor(() => expect(chat().status).toBe('ready'))
    expect(names()).toEqual([])
    setOptions({ enabled: true })
    // committed (and its effects flushed before any later render): the chat so far is history
    await waitFor(() => expect(document.querySelector('[data-enabled="true"]')).not.toBeNull())
    expect(names()).toEqual([])
    void chat().sendMessage({ text: 'After consent' })
    await settle('Message Received')
    expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
    expect(find('Message Sent')[0]?.properties.message_body).toBe('After consent')
    expect(find('Message Received')[0]?.properties).toMatchObject({ message_body: 'Seen answer.', role: 'ai_agent' })
  })
})
