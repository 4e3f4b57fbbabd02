/**
 * The browser half of the server's context: copilotHeaders, the context cookie, useCopilotHeaders, a path-only
 * apiHost (the events proxy on this origin), and useChatAnalytics leaving Message Received to the server.
 */
import { act, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { CopilotAnalyticsProvider, useCopilotHeaders } from '../../src'
import type { ChatMessageLike } from '../../src/ai-sdk'
import { createChatTracker } from '../../src/ai-sdk/createChatTracker'
import {
  COPILOT_COOKIE,
  type CopilotEvent,
  copilotHeaders,
  createCopilotAnalytics,
  memoryDestination,
  syncCopilotCookie,
} from '../../src/core'
import { parseApiHost } from '../../src/core/destinations'
import { readCopilotContext } from '../../src/server/readCopilotContext'

const client = (options = {}) => createCopilotAnalytics({ storage: null, destination: memoryDestination(), ...options })
const cookieValue = () =>
  document.cookie
    .split('; ')
    .find((pair) => pair.startsWith(`${COPILOT_COOKIE}=`))
    ?.slice(COPILOT_COOKIE.length + 1)

afterEach(() => {
  // biome-ignore lint/suspicious/noDocumentCookie: clearing the test's cookie
  document.cookie = `${COPILOT_COOKIE}=; Max-Age=0; Path=/`
})

describe('copilotHeaders', () => {
  it('carries identity, conversation and consent, encoded, and the server reads back what the browser had', () => {
    const browser = client({ userId: 'ana@example.com', consent: 'pending' })
    const conversationId = browser.startConversation('chat 1/ü')
    const headers = copilotHeaders(browser)
    expect(headers).toEqual({
      'x-copilot-anonymous-id': browser.getState().identity.anonymousId,
      'x-copilot-user-id': 'ana%40example.com',
      'x-copilot-conversation-id': 'chat%201%2F%C3%BC',
      'x-copilot-consent': 'pending',
    })
    // a real Headers accepts them (non-Latin-1 values would throw in fetch)
    const context = readCopilotContext(new Headers(headers))
    expect(context).toMatchObject({ userId: 'ana@example.com', conversationId, consent: 'pending', source: 'headers' })
    browser.setConsent('denied')
    expect(copilotHeaders(browser)['x-copilot-consent']).toBe('denied')
  })

  it('leaves out the user ID of an anonymous visitor and never throws', () => {
    expect(copilotHeaders(client())).not.toHaveProperty('x-copilot-user-id')
    expect(copilotHeaders({ getState: () => null as never })).toEqual({})
  })
})

describe('syncCopilotCookie', () => {
  it('writes the context cookie now and again only when the context changes', () => {
    const browser = client()
    const writes: string[] = []
    const descriptor = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie') as PropertyDescriptor
    Object.defineProperty(document, 'cookie', {
      configurable: true,
      get: () => descriptor.get?.call(document),
      set: (value: string) => {
        writes.push(value)
        descriptor.set?.call(document, value)
      },
    })
    try {
      const stop = syncCopilotCookie(browser)
      expect(writes).toHaveLength(1)
      browser.messageSent({ body: 'hi' }) // the message count changes, the context does not
      expect(writes).toHaveLength(1)
      browser.identify('u-1')
      browser.setConsent('denied')
      expect(writes).toHaveLength(3)
      expect(writes[2]).toMatch(/; Path=\/; Max-Age=31536000; SameSite=Lax$/)
      const context = readCopilotContext(new Headers({ cookie: `other=1; ${COPILOT_COOKIE}=${cookieValue()}` }))
      expect(context).toMatchObject({
        anonymousId: browser.getState().identity.anonymousId,
        userId: 'u-1',
        conversationId: browser.getState().conversation.id,
        consent: 'denied',
        source: 'cookie',
      })
      stop()
      browser.reset()
      expect(writes).toHaveLength(3)
    } finally {
      delete (document as { cookie?: string }).cookie
    }
  })
})

describe('useCopilotHeaders', () => {
  it("returns one stable function giving the provider's headers, and keeps the cookie when asked", () => {
    const browser = client()
    const seen: (() => Record<string, string>)[] = []
    function Probe() {
      seen.push(useCopilotHeaders({ cookie: { path: '/' } }))
      return null
    }
    const view = render(
      <CopilotAnalyticsProvider client={browser}>
        <Probe />
      </CopilotAnalyticsProvider>,
    )
    view.rerender(
      <CopilotAnalyticsProvider client={browser}>
        <Probe />
      </CopilotAnalyticsProvider>,
    )
    expect(new Set(seen).size).toBe(1)
    act(() => browser.identify('u-2'))
    expect(seen[0]?.()['x-copilot-user-id']).toBe('u-2')
    expect(decodeURIComponent(cookieValue() ?? '')).toContain('u=u-2')
  })
})

describe('a path-only apiHost', () => {
  it("means this page's origin (the events proxy under the app's own origin)", () => {
    expect(parseApiHost('/api/events/v1/')).toEqual({ protocol: 'http', host: `${location.host}/api/events/v1` })
    expect(parseApiHost('https://api.example.com/v1')).toEqual({ protocol: 'https', host: 'api.example.com/v1' })
  })
})

describe("useChatAnalytics({ messageReceivedFrom: 'server' })", () => {
  it('sends Message Sent and the rest, but leaves Message Received to the server', async () => {
    const destination = memoryDestination()
    const browser = createCopilotAnalytics({ destination, storage: null })
    await browser.flush() // its engine is here: events reach the destination as they are made
    const tracker = createChatTracker()
    const question: ChatMessageLike = {
      id: 'u1',
      role: 'user',
      parts: [{ type: 'text', text: 'Hi' } as { type: string }],
    }
    const answer: ChatMessageLike = {
      id: 'a1',
      role: 'assistant',
      parts: [{ type: 'text', text: 'Hello' } as { type: string }],
    }
    for (const messageReceivedFrom of ['server', 'browser'] as const) {
      destination.clear()
      const update = (now: number, status: string, messages: ChatMessageLike[]) =>
        tracker.update({ messages, status }, browser, { messageReceivedFrom }, now)
      const id = messageReceivedFrom === 'server' ? '' : '2'
      const q = { ...question, id: `u1${id}` }
      const a = { ...answer, id: `a1${id}` }
      update(0, 'ready', [])
      update(1, 'submitted', [q])
      update(2, 'ready', [q, a])
      const names = destination.events.map((event: CopilotEvent) => (event.type === 'track' ? event.event : 'identify'))
      expect(names.includes('Message Received'), messageReceivedFrom).toBe(messageReceivedFrom === 'browser')
      expect(names).toContain('Message Sent')
    }
  })
})
