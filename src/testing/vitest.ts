/**
 * copilot-analytics/testing/vitest: add to Vitest's `setupFiles` (or import once in a test) to register
 * `toHaveTrackedEvent` and `toHaveTrackedEvents` on `expect`, with their types.
 */
import { expect } from 'vitest'
import { type CopilotMatchers, copilotMatchers } from './copilotMatchers'

expect.extend(copilotMatchers)

declare module 'vitest' {
  // the type parameter's name and default must match Vitest's own declaration for the merge to apply
  // biome-ignore lint/suspicious/noExplicitAny: Vitest declares Matchers<T = any>
  interface Matchers<T = any> extends CopilotMatchers<T> {}
}

export { copilotMatchers }
