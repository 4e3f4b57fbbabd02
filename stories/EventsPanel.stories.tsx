import type { Decorator, Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, within } from 'storybook/test'
import { convert, ThemeProvider, themes } from 'storybook/theming'
import { EventsList } from '../src/storybook/EventsList'
import type { StoryEvent } from '../src/storybook/StoryEvent'

const event = (index: number, name: string, extra: Partial<StoryEvent> = {}): StoryEvent => ({
  index,
  name,
  type: name === 'identify' ? 'identify' : 'track',
  properties: {},
  userId: null,
  anonymousId: 'anon-storybook',
  status: 'sent',
  problems: [],
  timestamp: `2026-01-01T00:00:0${index}.000Z`,
  ...extra,
})

// the manager gives the panel Storybook's theme; a story renders it in the preview, so it brings one
const themed =
  (theme: 'light' | 'dark'): Decorator =>
  (Story) => (
    <ThemeProvider theme={convert(themes[theme])}>
      <div style={{ background: themes[theme].appContentBg, color: themes[theme].textColor }}>
        <Story />
      </div>
    </ThemeProvider>
  )

const meta = {
  title: 'Addon/Analytics events panel',
  component: EventsList,
  decorators: [themed('light')],
  parameters: { copilotAnalytics: { disable: true } },
  args: {
    onClear: fn(),
    onCopy: fn(),
    events: [
      event(1, 'identify'),
      event(2, 'Message Sent', {
        properties: {
          conversationId: 'conv-storybook',
          messageId: 'm-1',
          message_body: 'Show me NVDA',
          role: 'customer',
        },
      }),
      event(3, 'Feedback Submitted', {
        properties: { conversationId: 'conv-storybook', rating: 'great' },
        problems: [{ field: 'rating', message: 'must be a number, got string' }],
      }),
      event(4, 'Component Loaded', { status: 'dropped', reason: 'sampled out' }),
      event(5, 'Action Invoked', { status: 'dropped', reason: 'consent denied' }),
    ],
  },
} satisfies Meta<typeof EventsList>

export default meta
type Story = StoryObj<typeof meta>

/** Each event with its properties, its fate and the validator's verdict; Clear empties it. */
export const WithEvents: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByText('5 events, 1 not matching the spec')).toBeVisible()
    const sent = within(canvas.getByRole('listitem', { name: 'Message Sent' }))
    await expect(sent.getByText('sent')).toBeVisible()
    await expect(sent.getByText('✓ matches the spec')).toBeVisible()
    await expect(sent.getByText(/"message_body": "Show me NVDA"/)).toBeVisible()
    const invalid = within(canvas.getByRole('listitem', { name: 'Feedback Submitted' }))
    await expect(invalid.getByText('✗ rating: must be a number, got string')).toBeVisible()
    await expect(
      within(canvas.getByRole('listitem', { name: 'Component Loaded' })).getByText('sampled out'),
    ).toBeVisible()
    await expect(
      within(canvas.getByRole('listitem', { name: 'Action Invoked' })).getByText('dropped by consent'),
    ).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Clear' }))
    await expect(args.onClear).toHaveBeenCalledOnce()
  },
}

/** The same panel in Storybook's dark theme. */
export const Dark: Story = {
  decorators: [themed('dark')],
  play: async ({ canvas }) => {
    const name = canvas.getByText('Message Sent')
    // light text on the dark background: the panel follows the theme, no hard-coded colours
    const [red = 0, green = 0, blue = 0] = getComputedStyle(name).color.match(/\d+/g)?.map(Number) ?? []
    await expect(red + green + blue).toBeGreaterThan(3 * 180)
  },
}

/** Filter by event name, then copy what is listed as JSON. */
export const FilterAndCopy: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.type(canvas.getByRole('textbox', { name: 'Filter by event name' }), 'feedback')
    await expect(canvas.getAllByRole('listitem').map((item) => item.getAttribute('aria-label'))).toEqual([
      'Feedback Submitted',
    ])
    await expect(canvas.getByText(/\(1 shown\)/)).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Copy as JSON' }))
    await expect(args.onCopy).toHaveBeenCalledOnce()
    const copied = JSON.parse(String(vi_arg(args.onCopy)))
    await expect(copied).toEqual([
      expect.objectContaining({
        name: 'Feedback Submitted',
        status: 'sent',
        properties: { conversationId: 'conv-storybook', rating: 'great' },
      }),
    ])
    await expect(canvas.getByRole('button', { name: 'Copied' })).toBeVisible()
  },
}

const vi_arg = (mock: unknown): unknown => (mock as { mock: { calls: unknown[][] } }).mock.calls[0]?.[0]

/** The play function's `expectEvents` result, here a failure, above the list. */
export const FailedAssertion: Story = {
  args: {
    assertion: {
      storyId: 'x',
      pass: false,
      message:
        'expectEvents: expected these events in this order (others may come between):\n  1. "Feedback Submitted" with {"rating":1}',
    },
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByLabelText('Play assertion')).toHaveTextContent(/✗ expectEvents: expected these events/)
  },
}

/** Before the story fires anything. */
export const Empty: Story = {
  args: { events: [] },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('No events yet: interact with the story.')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Clear' })).toHaveAttribute('aria-disabled', 'true')
  },
}

/** A story that opted out. */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/Analytics are disabled for this story/)).toBeVisible()
  },
}
