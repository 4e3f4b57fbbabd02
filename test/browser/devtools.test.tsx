// The devtools in real Chromium: its styles stay inside its shadow root (the page looks the same with it
// open), the page's styles do not reach in, and the keyboard works across the shadow boundary.
import { waitFor } from '@testing-library/react'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { CopilotAnalyticsDevtools } from '../../src/devtools'
import { createTestCopilotAnalytics, renderWithCopilotAnalytics } from '../../src/testing'
import '../../src/testing/vitest'

const PAGE_CSS = `
  body { font: 18px/1.7 Georgia, serif; color: rgb(10, 20, 30); }
  button { color: rgb(255, 0, 0); background: rgb(0, 255, 0); padding: 9px; }
  section, ol, li, pre, select { margin: 13px; font-size: 21px; }
  [hidden] { display: none; }
`
const PROPERTIES = [
  'color',
  'font-family',
  'font-size',
  'line-height',
  'margin',
  'padding',
  'background-color',
  'display',
]

let pageStyle: HTMLStyleElement | undefined
afterEach(() => pageStyle?.remove())
// real clicks and keys from Chromium rather than act(): React renders as in an app, and the tests poll
beforeEach(() => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false
})

function App() {
  return (
    <main>
      <p className="app-text">Portfolio</p>
      <button type="button">Buy</button>
      <ol>
        <li>NVDA</li>
      </ol>
      <section aria-label="chart">
        <pre>chart</pre>
      </section>
    </main>
  )
}

const computed = (selector: string) => {
  const element = document.querySelector(selector)
  if (!element) throw new Error(`${selector} not found`)
  const style = getComputedStyle(element)
  return Object.fromEntries(PROPERTIES.map((name) => [name, style.getPropertyValue(name)]))
}

const pageLook = () => ({
  body: computed('body'),
  text: computed('.app-text'),
  button: computed('main button'),
  item: computed('main li'),
  section: computed('main section'),
  pre: computed('main pre'),
})

const shadowRoot = async () => {
  let root: ShadowRoot | null | undefined
  await waitFor(() => {
    root = document.querySelector('[data-copilot-analytics-devtools]')?.shadowRoot
    expect(root?.querySelector('.cad-panel')).toBeTruthy()
  })
  return root as ShadowRoot
}

it('leaves the host page’s computed styles unchanged, and the page’s styles do not reach into the panel', async () => {
  pageStyle = document.createElement('style')
  pageStyle.textContent = PAGE_CSS
  document.head.append(pageStyle)
  const analytics = createTestCopilotAnalytics()
  const { rerender } = renderWithCopilotAnalytics(<App />, { analytics })
  const before = pageLook()

  rerender(
    <>
      <App />
      <CopilotAnalyticsDevtools initialIsOpen />
    </>,
  )
  const root = await shadowRoot()
  analytics.messageSent({ body: 'Buy NVDA' })
  const row = await waitFor(() => {
    const found = [...root.querySelectorAll<HTMLButtonElement>('.cad-row')].find((r) =>
      r.querySelector('.cad-name')?.textContent?.startsWith('Message Sent'),
    )
    expect(found).toBeTruthy()
    return found as HTMLButtonElement
  })
  row.click()
  await waitFor(() => expect(root.querySelector('.cad-details pre')).toBeTruthy())

  expect(pageLook()).toEqual(before)
  expect(document.querySelectorAll('.cad-root, .cad-row')).toHaveLength(0)

  const toggle = getComputedStyle(root.querySelector('.cad-toggle') as Element)
  expect(toggle.color).not.toBe('rgb(255, 0, 0)')
  expect(toggle.backgroundColor).not.toBe('rgb(0, 255, 0)')
  const panel = getComputedStyle(root.querySelector('.cad-root') as Element)
  expect(panel.fontFamily).not.toContain('Georgia')
  expect(panel.position).toBe('fixed')
  expect(getComputedStyle(root.querySelector('.cad-details pre') as Element).fontSize).toBe('12px')

  // floating in the viewport's corner, on top of the page
  const box = (root.querySelector('.cad-toggle') as HTMLElement).getBoundingClientRect()
  expect(box.right).toBeLessThanOrEqual(window.innerWidth)
  expect(box.bottom).toBeLessThanOrEqual(window.innerHeight)
  expect(box.right).toBeGreaterThan(window.innerWidth - 40)
})

it('works from the keyboard in a real browser: Enter opens, Tab reaches the controls, Escape closes', async () => {
  const analytics = createTestCopilotAnalytics()
  renderWithCopilotAnalytics(<CopilotAnalyticsDevtools />, { analytics })
  let root: ShadowRoot | null | undefined
  await waitFor(() => {
    root = document.querySelector('[data-copilot-analytics-devtools]')?.shadowRoot
    expect(root?.querySelector('.cad-toggle')).toBeTruthy()
  })
  const shadow = root as ShadowRoot
  const toggle = shadow.querySelector('.cad-toggle') as HTMLButtonElement
  toggle.focus()
  await userEvent.keyboard('{Enter}')
  await waitFor(() => expect(toggle.getAttribute('aria-expanded')).toBe('true'))
  await userEvent.tab()
  expect(shadow.activeElement?.getAttribute('aria-label')).toBe('Filter by event')
  await userEvent.keyboard('{Escape}')
  await waitFor(() => expect(toggle.getAttribute('aria-expanded')).toBe('false'))
  expect(shadow.activeElement).toBe(toggle)
  expect(shadow.querySelector('.cad-panel')).toBeNull()
})
