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
