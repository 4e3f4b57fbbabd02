import { isDevelopment } from '../shared/isDevelopment'
import { CopilotAnalyticsError } from './CopilotAnalyticsError'
import { describeProblem, FRONT_PROBLEMS, type Problem } from './problems'

/** Reports problems once per cause: a console warning in development, `onError` always. */
export interface Reporter {
  /**
   * @param problem a {@link Problem} (its sentence in development, its name in production), the number the
   *   client's front names one by (see `FRONT_PROBLEMS`: the names stay out of the first bundle), or a sentence of
   *   its own
   * @param detail what came, or what was used instead: fills the development sentence
   */
  report(
    event: string,
    field: string,
    problem: Problem | number | (string & {}),
    detail?: unknown,
    cause?: unknown,
  ): void
}

export function createReporter(onError?: (error: CopilotAnalyticsError) => void, warn = isDevelopment()): Reporter {
  const seen = new Set<string>()
  return {
    report(event, field, problem, detail, cause) {
      const error = new CopilotAnalyticsError(
        event,
        field,
        // a number is in FRONT_PROBLEMS: the front's constants are typed against it
        describeProblem((typeof problem === 'number' ? FRONT_PROBLEMS[problem] : problem) as Problem, detail),
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
