import { act, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CopilotAnalyticsDevtools } from '../../src/devtools'
import '../../src/testing/vitest'
import { createTestCopilotAnalytics, renderWithCopilotAnalytics, type TestCopilotAnalytics } from '../../src/testing'

const HOST = '[data-copilot-analytics-devtools]'

/** The panel's shadow root, once the lazy panel has loaded; queried like a screen. */
const devtools = async () => {
  let root: ShadowRoot | null | undefined
  await waitFor(() => {
    root = document.querySelector(HOST)?.shadowRoot
    expect(root?.querySelector('button')).toBeTruthy()
  })
  return within(root as unknown as HTMLElement)
}

const rowNames = (panel: Awaited<ReturnType<typeof devtools>>) =>
  panel
    .queryAllByRole('button', { expanded: false })
    .concat(panel.queryAllByRole('button', { expanded: true }))
    .filter((button) => button.classList.contains('cad-row'))
    .map((row) => row.querySelector('.cad-name')?.textContent)

const renderDevtools = (analytics: TestCopilotAnalytics = createTestCopilotAnalytics(), initialIsOpen = true) =>
  renderWithCopilotAnalytics(<CopilotAnalyticsDevtools initialIsOpen={initialIsOpen} />, { analytics })

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('CopilotAnalyticsDevtools', () => {
  it('lists events live, newest first, with conversation, message, verdict and delivery', async () => {
    const analytics = createTestCopilotAnalytics()
    analytics.startConversation('conv-1')
    renderDevtools(analytics)
    // sent before the lazy panel has loaded: still listed
    const messageId = analytics.messageSent({ body: 'What is the best stock?', messageId: 'msg-1' })
    const panel = await devtools()
    act(() => void analytics.messageReceived({ body: 'NVDA' }))

    const list = await panel.findByRole('list', { name: 'Events, newest first' })
    const rows = within(list).getAllByRole('listitem')
    expect(rows.map((row) => row.querySelector('.cad-name')?.textContent)).toEqual([
      'Message Received',
      'Message Sent',
      'Conversation Started',
      'Identify',
    ])
    const sent = rows[1] as HTMLElement
    expect(sent.textContent).toContain('conv-1')
    expect(sent.textContent).toContain(messageId)
    expect(sent.textContent).toContain('valid')
    await waitFor(() => expect(sent.textContent).toContain('delivered'))
    expect(panel.getByRole('button', { name: /Copilot events/ }).textContent).toContain('4')
  })

  it('shows the validator verdict and the properties in a row’s details', async () => {
    const user = userEvent.setup()
    const analytics = createTestCopilotAnalytics({ validate: 'warn' })
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    renderDevtools(analytics)
    const panel = await devtools()
    act(() => analytics.track('Feedback Submitted' as string, { rating: 'great' }))

    const row = await panel.findByRole('button', { name: /Feedback Submitted/ })
    expect(row.textContent).toContain('1 problem')
    await user.click(row)
    expect(row.getAttribute('aria-expanded')).toBe('true')
    const details = panel.getByRole('region', { name: 'Feedback Submitted details' })
    expect(within(details).getByRole('list', { name: 'Spec problems' }).textContent).toContain(
      'rating: rating must be a number, got string',
    )
    expect(details.textContent).toContain('"rating": "great"')
  })

  it('shows held and dropped events with the reason', async () => {
    const analytics = createTestCopilotAnalytics({ consent: 'pending' })
    renderDevtools(analytics)
    const panel = await devtools()
    act(() => void analytics.messageSent({ body: 'Hi' }))
    await waitFor(() => expect(panel.getByRole('button', { name: /Message Sent/ }).textContent).toContain('held'))
    act(() => analytics.setConsent('denied'))
    await waitFor(() =>
      expect(panel.getAllByRole('button', { name: /Message Sent/ })[0]?.textContent).toContain('dropped'),
    )
  })

  it('filters by event and by conversation', async () => {
    const user = userEvent.setup()
    const analytics = createTestCopilotAnalytics()
    renderDevtools(analytics)
    const panel = await devtools()
    act(() => {
      analytics.startConversation('conv-a')
      analytics.messageSent({ body: 'a' })
      analytics.startConversation('conv-b')
      analytics.messageSent({ body: 'b' })
      analytics.messageReceived({ body: 'b2' })
    })
    await panel.findByRole('button', { name: /Message Received/ })

    await user.selectOptions(panel.getByRole('combobox', { name: 'Filter by event' }), 'Message Sent')
    expect(rowNames(panel)).toEqual(['Message Sent', 'Message Sent'])
    await user.selectOptions(panel.getByRole('combobox', { name: 'Filter by conversation' }), 'conv-b')
    const rows = panel.getAllByRole('listitem')
    expect(rows).toHaveLength(1)
    expect(rows[0]?.textContent).toContain('conv-b')

    await user.selectOptions(panel.getByRole('combobox', { name: 'Filter by event' }), '')
    expect(rowNames(panel).sort()).toEqual(['Conversation Started', 'Message Received', 'Message Sent'])
    await user.selectOptions(panel.getByRole('combobox', { name: 'Filter by conversation' }), 'conv-a')
    await user.selectOptions(panel.getByRole('combobox', { name: 'Filter by event' }), 'Message Received')
    expect(panel.queryAllByRole('listitem')).toHaveLength(0)
    expect(panel.getByText('No events match the filters.')).toBeTruthy()
  })

  it('pauses, resumes and clears', async () => {
    const user = userEvent.setup()
    const analytics = createTestCopilotAnalytics()
    renderDevtools(analytics)
    const panel = await devtools()
    const pause = panel.getByRole('button', { name: 'Pause' })
    await user.click(pause)
    expect(pause.getAttribute('aria-pressed')).toBe('true')
    act(() => void analytics.messageSent({ body: 'unseen' }))
    expect(panel.getByRole('status').textContent).toBe('Paused: 2 skipped')
    expect(panel.queryByRole('button', { name: /Message Sent/ })).toBeNull()

    await user.click(panel.getByRole('button', { name: 'Resume' }))
    act(() => void analytics.messageReceived({ body: 'seen' }))
    expect(panel.getByRole('button', { name: /Message Received/ })).toBeTruthy()

    await user.click(panel.getByRole('button', { name: 'Clear' }))
    expect(panel.queryAllByRole('listitem')).toHaveLength(0)
    expect(panel.getByText('No events yet.')).toBeTruthy()
    // clearing the view does not touch what the app sent
    expect(analytics).toHaveTrackedEvent('Message Sent', { message_body: 'unseen' })
  })

  it('copies the filtered events as JSON', async () => {
    const user = userEvent.setup()
    const analytics = createTestCopilotAnalytics()
    renderDevtools(analytics)
    const panel = await devtools()
    act(() => void analytics.messageSent({ body: 'Buy NVDA' }))
    await panel.findByRole('button', { name: /Message Sent/ })
    await user.selectOptions(panel.getByRole('combobox', { name: 'Filter by event' }), 'Message Sent')
    await user.click(panel.getByRole('button', { name: 'Copy as JSON' }))
    await waitFor(() => expect(panel.getByRole('status').textContent).toBe('Copied 1 event'))
    const copied = JSON.parse(await navigator.clipboard.readText())
    expect(copied).toEqual([
      expect.objectContaining({
        type: 'track',
        event: 'Message Sent',
        properties: expect.objectContaining({ message_body: 'Buy NVDA', role: 'customer' }),
        delivery: 'delivered',
        problems: [],
      }),
    ])
  })

  it('is keyboard accessible: toggle, arrow keys between rows, Escape collapses back to the toggle', async () => {
    const user = userEvent.setup()
    const analytics = createTestCopilotAnalytics()
    renderDevtools(analytics, false)
    const panel = await devtools()
    act(() => void analytics.messageSent({ body: 'Hi' }))
    const toggle = panel.getByRole('button', { name: /Copilot events/ })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(panel.queryByRole('region', { name: 'Copilot Analytics devtools' })).toBeNull()

    toggle.focus()
    await user.keyboard('{Enter}')
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    const rows = panel.getAllByRole('button').filter((button) => button.classList.contains('cad-row'))
    expect(rows).toHaveLength(3)
    rows[0]?.focus()
    await user.keyboard('{ArrowDown}')
    expect((toggle.getRootNode() as ShadowRoot).activeElement).toBe(rows[1])
    await user.keyboard('{Enter}')
    expect(rows[1]?.getAttribute('aria-expanded')).toBe('true')
    await user.keyboard('{ArrowUp}')
    expect((toggle.getRootNode() as ShadowRoot).activeElement).toBe(rows[0])

    await user.keyboard('{Escape}')
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(panel.queryByRole('region', { name: 'Copilot Analytics devtools' })).toBeNull()
    expect((toggle.getRootNode() as ShadowRoot).activeElement).toBe(toggle)
  })

  it('keeps only the last maxEvents', async () => {
    const analytics = createTestCopilotAnalytics()
    renderWithCopilotAnalytics(<CopilotAnalyticsDevtools initialIsOpen maxEvents={3} />, { analytics })
    const panel = await devtools()
    act(() => {
      for (let i = 0; i < 5; i++) analytics.track('Stock Viewed', { index: i })
    })
    await waitFor(() => expect(panel.getAllByRole('listitem')).toHaveLength(3))
    expect(panel.getAllByRole('listitem')[2]?.textContent).toContain('Stock Viewed')
  })

  it('renders into a shadow root, leaving no element of its own in the page', async () => {
    renderDevtools()
    await devtools()
    const host = document.querySelector(HOST) as HTMLElement
    expect(host.children).toHaveLength(0)
    expect(document.querySelector('.cad-root, style')).toBeNull()
    expect(host.shadowRoot?.querySelector('style')?.textContent).toContain(':host { all: initial; }')
  })

  it('renders nothing and does not listen in production, unless forced', async () => {
    vi.stubEnv('NODE_ENV', 'production')
    const analytics = createTestCopilotAnalytics()
    const listen = vi.spyOn(analytics, 'listen')
    const { container, unmount } = renderWithCopilotAnalytics(<CopilotAnalyticsDevtools initialIsOpen />, { analytics })
    expect(container.innerHTML).toBe('')
    expect(listen).not.toHaveBeenCalled()
    unmount()

    renderWithCopilotAnalytics(<CopilotAnalyticsDevtools force initialIsOpen />, { analytics })
    const panel = await devtools()
    act(() => void analytics.messageSent({ body: 'forced' }))
    expect(await panel.findByRole('button', { name: /Message Sent/ })).toBeTruthy()
  })

  it('says so when there is no client to inspect', async () => {
    const { render } = await import('@testing-library/react')
    render(<CopilotAnalyticsDevtools initialIsOpen />)
    const panel = await devtools()
    expect(panel.getByText(/render the devtools inside <CopilotAnalyticsProvider>/)).toBeTruthy()
  })
})
