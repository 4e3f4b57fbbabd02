import { validateIdentify, validateTrack } from '../spec'
import type { EventValidator } from './types'

/**
 * The spec validator for the engine's validation stage. Development builds use it by default; production builds carry it
 * (and the spec table) only when you pass it: `createCopilotAnalytics({ validate: 'strict', validator: validateEvent })`.
 */
export const validateEvent: EventValidator = (event, plan) =>
  event.type === 'track'
    ? validateTrack(event.event, event.properties, plan ? { plan } : {})
    : validateIdentify(event.userId, event.anonymousId)
