import { isDevelopment } from './environment'

/** A problem the kit reports instead of throwing: which event, which field, what happened. */
export class CopilotAnalyticsError extends Error {
  override readonly name = 'CopilotAnalyticsError'
  /** The event concerned, e.g. "Feedback Submitted", or the API called, e.g. "useTrackMessage". */
  readonly event: string
  /** The field concerned, e.g. "rating", or "-" when none. */
  readonly field: string
  constructor(event: string, field: string, message: string, options?: { cause?: unknown }) {
    super(`[copilot-analytics] ${event}: ${field === '-' ? '' : `${field}: `}${message}`, options)
    this.event = event
    this.field = field
  }
}

/** Reports problems once per cause: a console warning in development, `onError` always. */
export interface Reporter {
  report(event: string, field: string, message: string, cause?: unknown): void
}

export function createReporter(onError?: (error: CopilotAnalyticsError) => void, warn = isDevelopment()): Reporter {
  const seen = new Set<string>()
  return {
    report(event, field, message, cause) {
      const error = new CopilotAnalyticsError(event, field, message, cause === undefined ? undefined : { cause })
      try {
        onError?.(error)
      } catch {
        // a throwing onError must not break the host app either
      }
      const key = `${event}\u0000${field}\u0000${message}`
      if (!warn || seen.has(key)) return
      seen.add(key)
      console.warn(error.message)
    },
  }
}
