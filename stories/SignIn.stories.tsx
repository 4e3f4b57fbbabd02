import type { Meta, StoryObj } from '@storybook/react-vite'
import type { CopilotAnalyticsArgs } from 'copilot-analytics/storybook/annotations'
import { STORY_ANONYMOUS_ID } from 'copilot-analytics/storybook/annotations'
import { expectEvents } from 'copilot-analytics/storybook/test'
import { expect } from 'storybook/test'
import { SignIn } from './widgets/SignIn'

const meta = {
  title: 'Widgets/Sign in',
  component: SignIn,
  render: () => <SignIn />,
} satisfies Meta<CopilotAnalyticsArgs>

export default meta
type Story = StoryObj<typeof meta>

/**
 * An anonymous visitor signs in: identify with the userId, the anonymousId kept so the visit joins the user.
 * Signing out resets: a new anonymous visitor is identified.
 */
export const SignInAndOut: Story = {
  play: async (context) => {
    const { canvas, userEvent } = context
    await userEvent.type(canvas.getByRole('textbox', { name: 'Email' }), 'Ada@Example.com{Enter}')
    await expect(canvas.getByText('ada@example.com')).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Sign out' }))
    await expect(canvas.getByRole('textbox', { name: 'Email' })).toBeVisible()

    const [, , signedOut] = await expectEvents(context.canvasElement, [
      ['identify', { userId: null, anonymousId: STORY_ANONYMOUS_ID }],
      ['identify', { userId: 'ada@example.com', anonymousId: STORY_ANONYMOUS_ID, email: 'ada@example.com' }],
      ['identify', { userId: null }],
    ])
    expect(signedOut?.anonymousId).not.toBe(STORY_ANONYMOUS_ID)
  },
}

/** The `userId` control: the story starts with a known user, identified on mount. */
export const KnownUser: Story = {
  args: { userId: 'user-42' },
  play: async (context) => {
    const { canvas } = context
    await expect(canvas.getByText('user-42')).toBeVisible()
    await expectEvents(context.canvasElement, [['identify', { userId: 'user-42', anonymousId: STORY_ANONYMOUS_ID }]])
  },
}
