import { afterAll, beforeAll } from 'vitest'

type ReactGlobals = { IS_REACT_ACT_ENVIRONMENT?: unknown }

/**
 * Sets React's `IS_REACT_ACT_ENVIRONMENT` for the test file and puts back what it was afterwards: `true` where the
 * tests wrap their updates in act(), `false` where they let React commit each state as a browser would (React then
 * expects no act() and does not warn about updates outside it).
 */
export function setActEnvironment(value: boolean): void {
  let before: unknown
  beforeAll(() => {
    before = (globalThis as ReactGlobals).IS_REACT_ACT_ENVIRONMENT
    ;(globalThis as ReactGlobals).IS_REACT_ACT_ENVIRONMENT = value
  })
  afterAll(() => {
    ;(globalThis as ReactGlobals).IS_REACT_ACT_ENVIRONMENT = before
  })
}
