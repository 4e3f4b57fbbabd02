import { hasErrors, validateIdentify, validateTrack } from '../spec'
import type { SegmentCall } from './segmentCall'
import type { Verdict } from './types'

/**
 * The AI Copilot spec's verdict on one call, from the spec table in `src/spec`. Track and identify calls are
 * checked; page, screen, alias and group have no spec rules and are valid. Never rejects: it only reports. Warnings
 * (a recommended property missing, a spec property outside `properties`, a misspelled spec name) leave it valid.
 */
export function verdictOf(call: SegmentCall): Verdict {
  const problems =
    call.type === 'track'
      ? validateTrack(call.event, call.properties ?? undefined, { call })
      : call.type === 'identify'
        ? validateIdentify(call.userId, call.anonymousId)
        : []
  return {
    // a warning (a recommended property missing, a likely misspelling) is a note: the event is still valid
    valid: !hasErrors(problems),
    problems: problems.map(({ event, field, message, severity }) => ({
      event,
      field,
      message,
      ...(severity ? { severity } : {}),
    })),
  }
}
