import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { act, render, waitFor, within } from '@testing-library/react'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createCopilotAnalytics } from '../../src/core'
import { CopilotAnalyticsDevtools } from '../../src/devtools'
import { CopilotAnalyticsProvider } from '../../src/react'

// A Segment-compatible endpoint on 127.0.0.1 that refuses "Rejected" (400) and fails "Flaky" once (500).
let server: Server
let apiHost = ''
const received: string[] = []
beforeAll(async () => {
  let flakyFailed = false
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8')
    })
    request.on('end', () => {
      const event = request.url === '/v1/t' ? (JSON.parse(body) as { event?: string }).event : undefined
      if (event === 'Rejected') return void response.writeHead(400).end('{}')
      if (event === 'Flaky' && !flakyFailed) {
        flakyFailed = true
        return void response.writeHead(500).end('{}')
      }
      if (event) received.push(event)
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"success":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  apiHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
)

it('shows analytics-next’s own delivery result: delivered, failed (4xx), retrying (5xx)', {
  timeout: 30_000,
}, async () => {
  const client = createCopilotAnalytics({ apiHost, storage: null })
  render(
    <CopilotAnalyticsProvider client={client}>
      <CopilotAnalyticsDevtools initialIsOpen />
    </CopilotAnalyticsProvider>,
  )
  act(() => {
    client.track('Accepted')
    client.track('Rejected')
    client.track('Flaky')
  })
  let root: ShadowRoot | null | undefined
  await waitFor(() => {
    root = document.querySelector('[data-copilot-analytics-devtools]')?.shadowRoot
    expect(root?.querySelector('.cad-row')).toBeTruthy()
  })
  const panel = within(root as unknown as HTMLElement)
  const row = (name: string) => panel.getByRole('button', { name: new RegExp(`^${name},`) })
  await waitFor(
    () => {
      expect(row('Accepted').textContent).toMatch(/delivered$/)
      expect(row('Rejected').textContent).toMatch(/failed$/)
      expect(row('Flaky').textContent).toMatch(/retrying$/)
    },
    { timeout: 10_000 },
  )
  act(() => row('Rejected').click())
  expect(panel.getByRole('region', { name: 'Rejected details' }).textContent).toContain('Non-retryable error: 400')
  // analytics-next retried the 500 on its own and the server got it
  await waitFor(() => expect(received).toContain('Flaky'), { timeout: 10_000 })
  expect(received).not.toContain('Rejected')
})
