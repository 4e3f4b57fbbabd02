import type { Meta, StoryObj } from '@storybook/react-vite'
import { expectEvents } from 'copilot-analytics/storybook/test'
import { expect, within } from 'storybook/test'
import { SPEC_EVENTS } from '../src/spec'
import { SpecEventsTable } from './docs/SpecEventsTable'

const meta = {
  title: 'Docs/Spec events table',
  component: SpecEventsTable,
} satisfies Meta<typeof SpecEventsTable>

export default meta
type Story = StoryObj<typeof meta>

/** The table is generated: one section per spec event, each naming the hook that sends it and every property. */
export const FromSpecTable: Story = {
  play: async (context) => {
    const { canvas } = context
    for (const [name, event] of Object.entries(SPEC_EVENTS)) {
      const section = within(canvas.getByRole('region', { name }))
      await expect(section.getByRole('heading', { name })).toBeVisible()
      await expect(section.getByText(event.sentBy.react)).toBeVisible()
      const rows = section.getAllByRole('row').slice(1)
      expect(rows.map((row) => row.querySelector('code')?.textContent)).toEqual(Object.keys(event.properties))
    }
    const messageSent = within(canvas.getByRole('region', { name: 'Message Sent' }))
    const role = messageSent.getByRole('row', { name: /^role/ })
    await expect(role).toHaveTextContent('string')
    await expect(role).toHaveTextContent('default customer')
    await expect(canvas.getByRole('region', { name: 'Identify' })).toHaveTextContent('useIdentity().identify')
    // a docs page fires nothing but the visitor's anonymous identify
    await expectEvents(context.canvasElement, ['identify'])
  },
}
