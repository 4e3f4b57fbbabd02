import { isDevelopment } from '../shared/isDevelopment'
import { CopilotAnalyticsError } from './CopilotAnalyticsError'
import { describeProblem, type Problem } from './problems'

/** Reports problems once per cause: a console warning in development, `onError` always. */
export interface Reporter {
  /**
   * @param problem a {@link Problem} (its sentence in development, its name in production) or a sentence of its own
   * @param detail what came, or what was used instead: fills the development sentence
   */
  report(event: string, field: string, problem: Problem | (string & {}), detail?: unknown, cause?: unknown): void
}

export function createReporter(onError?: (error: CopilotAnalyticsError) => void, warn = isDevelopment()): Reporter {
  const seen = new Set<string>()
  return {
    report(event, field, problem, detail, cause) {
      const error = new CopilotAnalyticsError(
        event,
        field,
        describeProblem(problem as Problem, detail),
        cause === undefined ? undefined : { cause },
      )
      try {
        onError?.(error)
      } catch {
        // a throwing onError must not break the host app either
      }
      if (!warn || seen.has(error.message)) return
      seen.add(error.message)
      console.warn(error.message)
    },
  }
}
