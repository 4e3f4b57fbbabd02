import type { EventValidator } from './types'
import { validateEvent } from './validateEvent'

// declared here so the published types need no @types/node
declare const process: { env: Record<string, string | undefined> }

/**
 * `validateEvent` in development builds, undefined in production. Written so that a bundler replacing
 * `process.env.NODE_ENV` with "production" removes the branch, and with it the validator and the spec table.
 */
export function developmentValidator(): EventValidator | undefined {
  try {
    if (process.env.NODE_ENV !== 'production') return validateEvent
  } catch {
    // no bundler and no `process` (a plain browser module): validate only when asked
  }
  return undefined
}
