import { validateIdentify, validateTrack } from '../spec'
import type { SegmentCall } from './segmentCall'
import type { Verdict } from './types'

/**
 * The AI Copilot spec's verdict on one call, from the spec table in `src/spec`. Track and identify calls are
 * checked; page, screen, alias and group have no spec rules and are valid. Never rejects: it only reports.
 */
export function verdictOf(call: SegmentCall): Verdict {
  const problems =
    call.type === 'track'
      ? validateTrack(call.event, call.properties ?? undefined)
      : call.type === 'identify'
        ? validateIdentify(call.userId, call.anonymousId)
        : []
  return {
    valid: problems.length === 0,
    problems: problems.map(({ event, field, message }) => ({ event, field, message })),
  }
}
