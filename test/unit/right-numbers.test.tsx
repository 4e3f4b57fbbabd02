// The numbers a product team reads: the conversation ID the Vercel chatbot template stored, Component Loaded once per
// distinct component, and the user's last rating per message kept with the conversation across reloads.
import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { createCopilotAnalytics, createMemoryStorage, type KeyValueStorage, memoryDestination } from '../../src/core'
import { CopilotAnalyticsProvider, useFeedback } from '../../src/react'

const setup = async (storage: KeyValueStorage = createMemoryStorage()) => {
  const destination = memoryDestination()
  const client = createCopilotAnalytics({ storage, destination, validate: 'off' })
  await client.flush() // its engine is here: events reach the destination as they are made
  const tracks = () => destination.events.flatMap((event) => (event.type === 'track' ? [event] : []))
  return { client, destination, storage, tracks }
}

/** Lets the client deliver and write its state (writes happen once per tick, in a microtask). */
const settle = async (client: { flush(): Promise<void> }) => {
  await client.flush()
  await new Promise<void>((resolve) => queueMicrotask(resolve))
}

describe('newChatId written by the Vercel chatbot template', () => {
  it('reads a JSON-quoted ID as the ID inside the quotes, and writes the plain string back', async () => {
    const storage = createMemoryStorage()
    // the template's useLocalStorage stores JSON.stringify(id)
    storage.setItem('newChatId', JSON.stringify('tmpl-chat-1'))
    const { client, tracks } = await setup(storage)
    expect(client.getState().conversation.id).toBe('tmpl-chat-1')
    client.messageSent({ body: 'Buy 10 AAPL' })
    await settle(client)
    expect(tracks().map((event) => event.properties.conversationId)).toEqual(['tmpl-chat-1', 'tmpl-chat-1'])
    expect(storage.getItem('newChatId')).toBe('tmpl-chat-1')
  })

  it('keeps plain IDs as they are, also those that look like JSON but are not a quoted string', async () => {
    for (const id of ['chat-7', '1001', 'null', '"unterminated', '""']) {
      const storage = createMemoryStorage()
      storage.setItem('newChatId', id)
      expect((await setup(storage)).client.getState().conversation.id).toBe(id)
    }
  })
})

describe('Component Loaded without a messageId', () => {
  it('is sent once per (conversation, type, properties): two symbols are two events, a re-mount is none', async () => {
    const { client, tracks } = await setup()
    expect(client.componentLoaded({ type: 'Stock Price Chart', symbol: 'AAPL' })).toBe(true)
    expect(client.componentLoaded({ type: 'Stock Price Chart', symbol: 'NVDA' })).toBe(true)
    // the AAPL chart mounts again (StrictMode, virtualised list): not a new component
    expect(client.componentLoaded({ type: 'Stock Price Chart', symbol: 'AAPL' })).toBe(false)
    const loaded = tracks().filter((event) => event.event === 'Component Loaded')
    expect(loaded.map((event) => event.properties.symbol)).toEqual(['AAPL', 'NVDA'])

    // the same chart in another conversation is another component shown
    client.startConversation('other')
    expect(client.componentLoaded({ type: 'Stock Price Chart', symbol: 'AAPL' })).toBe(true)
  })

  it('with a messageId stays once per (conversation, message, type)', async () => {
    const { client } = await setup()
    expect(client.componentLoaded({ type: 'Stock Price Chart', messageId: 'a1', range: '1d' })).toBe(true)
    expect(client.componentLoaded({ type: 'Stock Price Chart', messageId: 'a1', range: '5d' })).toBe(false)
  })

  it('sends a component whose properties JSON cannot hold, once', async () => {
    const { client, tracks } = await setup()
    const circular: Record<string, unknown> = {}
    circular.self = circular
    expect(client.componentLoaded({ type: 'Graph', data: circular })).toBe(true)
    expect(client.componentLoaded({ type: 'Graph', data: circular })).toBe(false)
    expect(tracks().filter((event) => event.event === 'Component Loaded')).toHaveLength(1)
  })
})

function Thumbs({ messageId }: { messageId: string }) {
  const { submit, rating } = useFeedback(messageId)
  return (
    <div>
      <button type="button" aria-pressed={rating === 1} onClick={() => submit('up')}>
        Good
      </button>
      <button type="button" aria-pressed={rating === -1} onClick={() => submit('down')}>
        Bad
      </button>
    </div>
  )
}

describe('feedback: the last rating per message', () => {
  it('is kept with the conversation: a widget mounted after a reload shows it pressed', async () => {
    const storage = createMemoryStorage()
    const first = await setup(storage)
    const view = render(
      <CopilotAnalyticsProvider client={first.client}>
        <Thumbs messageId="a1" />
      </CopilotAnalyticsProvider>,
    )
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Good' }))
    await user.click(screen.getByRole('button', { name: 'Bad' }))
    expect(screen.getByRole('button', { name: 'Bad' }).getAttribute('aria-pressed')).toBe('true')
    expect(screen.getByRole('button', { name: 'Good' }).getAttribute('aria-pressed')).toBe('false')
    // every change of mind is an event
    expect(first.tracks().map((event) => event.properties.rating)).toEqual([1, -1])
    await act(() => settle(first.client))
    view.unmount()

    // the reload: a new client over the same storage
    const reloaded = await setup(storage)
    expect(reloaded.client.getState().conversation.ratings).toEqual({ a1: -1 })
    render(
      <CopilotAnalyticsProvider client={reloaded.client}>
        <Thumbs messageId="a1" />
        <Thumbs messageId="a2" />
      </CopilotAnalyticsProvider>,
    )
    const [bad, otherBad] = screen.getAllByRole('button', { name: 'Bad' })
    expect(bad?.getAttribute('aria-pressed')).toBe('true')
    expect(otherBad?.getAttribute('aria-pressed')).toBe('false')
    expect(reloaded.tracks()).toEqual([])
  })

  it('belongs to its conversation', async () => {
    const { client } = await setup()
    client.feedbackSubmitted({ messageId: 'a1', rating: 5 })
    client.feedbackSubmitted({ rating: 'up' })
    expect(client.getState().conversation.ratings).toEqual({ a1: 5, '': 1 })
    client.startConversation('next')
    expect(client.getState().conversation.ratings).toEqual({})
  })
})
