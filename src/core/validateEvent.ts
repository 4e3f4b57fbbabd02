import { type SpecEvent, type SpecProblem, validateIdentify, validateTrack } from '../spec'
import type { CopilotEvent } from './types'

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
