import { type SpecEvent, type SpecProblem, validateIdentify, validateTrack } from '../spec'
import type { CopilotEvent } from './types'

// declared here so the published types need no @types/node
declare const process: { env: Record<string, string | undefined> }

/** Checks one built event against the spec table and an optional plan of your own events. */
export type EventValidator = (event: CopilotEvent, plan?: Readonly<Record<string, SpecEvent>>) => SpecProblem[]

/**
 * The spec validator for the pipeline. Development builds use it by default; production builds carry it
 * (and the spec table) only when you pass it: `createCopilotAnalytics({ validate: 'strict', validator: validateEvent })`.
 */
export const validateEvent: EventValidator = (event, plan) =>
  event.type === 'track'
    ? validateTrack(event.event, event.properties, plan ? { plan } : {})
    : validateIdentify(event.userId, event.anonymousId)

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
