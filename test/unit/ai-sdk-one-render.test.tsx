/**
 * A request whose sendMessage and whole answer commit in one render (inside act(), or a cached answer) is live, not
 * history: the real `useChat` from @ai-sdk/react over a scripted transport, rendered by React.
 */
import { type UseChatHelpers, useChat } from '@ai-sdk/react'
import { act, render } from '@testing-library/react'
import type { UIMessage } from 'ai'
import { expect, it } from 'vitest'
import { useChatAnalytics } from '../../src/ai-sdk'
import { type CopilotEvent, createCopilotAnalytics, memoryDestination } from '../../src/core'
import { CopilotAnalyticsProvider } from '../../src/react'
import { setActEnvironment } from '../support/actEnvironment'
import { chunk, type ScriptTurn, scriptedTransport } from '../support/scriptedModel'

// the tests wrap each request in act(), which batches its every state into one commit
setActEnvironment(true)

const textTurn = (text: string): ScriptTurn => [[...chunk.text('t', text), chunk.finish('stop')]]
const failingTurn: ScriptTurn = [[...chunk.text('t', 'Let me check '), chunk.error('upstream model overloaded')]]

async function setup(turns: readonly ScriptTurn[]) {
  const destination = memoryDestination()
  const client = createCopilotAnalytics({ destination, storage: null, validate: 'strict' })
  await client.flush() // its engine is here: events reach the destination as they are made
  const transport = scriptedTransport({ turns, modelId: 'gpt-scripted-1' })
  let current: UseChatHelpers<UIMessage> | undefined
  const statuses: string[] = []
  function Chat() {
    const chat = useChat({ transport })
    current = chat
    statuses.push(chat.status)
    useChatAnalytics(chat)
    return null
  }
  render(
    <CopilotAnalyticsProvider client={client}>
      <Chat />
    </CopilotAnalyticsProvider>,
  )
  const chat = () => current as UseChatHelpers<UIMessage>
  const tracks = () => destination.events.flatMap((event: CopilotEvent) => (event.type === 'track' ? [event] : []))
  return { chat, tracks, names: () => tracks().map((event) => event.event), statuses }
}

it('sends Message Sent and Message Received for a request that commits in one render', async () => {
  const { chat, names, tracks, statuses } = await setup([textTurn('NVDA trades at 181.20.'), textTurn('AMD too.')])
  await act(async () => {
    await chat().sendMessage({ text: 'Price of NVDA?' })
  })
  // React never rendered the request in flight: the question and its whole answer arrived together
  expect(statuses).not.toContain('streaming')
  expect(chat().messages).toHaveLength(2)
  expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
  const [user, answer] = chat().messages
  expect(tracks()[1]?.properties).toMatchObject({ messageId: user?.id, message_body: 'Price of NVDA?' })
  expect(tracks()[2]?.properties).toMatchObject({
    messageId: answer?.id,
    message_body: 'NVDA trades at 181.20.',
    reply_to_message_id: user?.id,
  })

  // and the next one too, once each
  await act(async () => {
    await chat().sendMessage({ text: 'And AMD?' })
  })
  expect(names()).toEqual([
    'Conversation Started',
    'Message Sent',
    'Message Received',
    'Message Sent',
    'Message Received',
  ])
})

it('sends Message Failed for a request that errored within one render', async () => {
  const { chat, names } = await setup([failingTurn])
  await act(async () => {
    await chat().sendMessage({ text: 'Price of AAPL?' })
  })
  expect(chat().status).toBe('error')
  expect(names()).toEqual(['Conversation Started', 'Message Sent', 'Message Failed'])
})

it('still takes messages loaded with setMessages in one render as history', async () => {
  const { chat, names } = await setup([])
  await act(async () => {
    chat().setMessages([
      { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'old' }] },
      { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'old answer' }] },
    ])
  })
  expect(chat().messages).toHaveLength(2)
  expect(names()).toEqual([])
})

it('counts a one-render request started with sendMessage destructured from what useChatAnalytics returns', async () => {
  const destination = memoryDestination()
  const client = createCopilotAnalytics({ destination, storage: null, validate: 'strict' })
  const transport = scriptedTransport({ turns: [textTurn('NVDA trades at 181.20.')], modelId: 'gpt-scripted-1' })
  let send: UseChatHelpers<UIMessage>['sendMessage'] | undefined
  function Chat() {
    // the app destructures: only the returned object's sendMessage is counted
    const { messages, sendMessage } = useChatAnalytics(useChat({ transport }))
    send = sendMessage
    return <p>{messages.length}</p>
  }
  render(
    <CopilotAnalyticsProvider client={client}>
      <Chat />
    </CopilotAnalyticsProvider>,
  )
  await act(async () => {
    await send?.({ text: 'Price of NVDA?' })
  })
  const names = destination.events.flatMap((event: CopilotEvent) => (event.type === 'track' ? [event.event] : []))
  expect(names).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
})
