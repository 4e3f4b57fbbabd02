import { CopilotAnalyticsError } from './CopilotAnalyticsError'
import { developmentValidator } from './developmentValidator'
import { isBrowser } from './isBrowser'
import type { Pipeline } from './pipeline'
import type { CopilotAnalyticsOptions } from './types'

type PipelineModule = typeof import('./pipeline')

// the module, once imported: clients made afterwards get their pipeline at once (code, not state: nothing is shared)
let loaded: PipelineModule | undefined

/** Imports the pipeline module (once); clients created afterwards get their pipeline synchronously. */
export const loadPipeline = (): Promise<PipelineModule> => import('./pipeline').then((module) => (loaded = module))

/** Hands the pipeline module over up front, so every client handles each event before its call returns (tests). */
export const providePipeline = (module: PipelineModule): void => {
  loaded = module
}

/** Runs `call` with the pipeline: now when it is here, later (in order) while it loads, never if it failed to. */
export type WithPipeline = (call: (pipeline: Pipeline) => void) => void

/**
 * The client's pipeline, imported on first use like analytics-next itself, so an app's first bundle carries only
 * what every call needs at once: state and ids. Calls made while it loads wait, in order, and lose nothing.
 * Returns how to reach it, and a promise of it (null when it failed to load).
 */
export function deferPipeline(options: CopilotAnalyticsOptions): [WithPipeline, Promise<Pipeline | null>] {
  const host = { browser: isBrowser(), CopilotAnalyticsError, validator: options.validator ?? developmentValidator() }
  let pipeline: Pipeline | null | undefined
  let waiting: ((pipeline: Pipeline) => void)[] = []
  const arrive = (module: PipelineModule) => {
    const created = module.createPipeline(options, host)
    pipeline = created
    for (const call of waiting) {
      // each call as the client would have made it: a throwing destination stops neither the rest nor the page
      try {
        call(created)
      } catch (error) {
        created.report('createCopilotAnalytics', '-', 'failed', undefined, error)
      }
    }
    waiting = []
    return created
  }
  // already imported: the pipeline is here before the first call
  const ready = loaded
    ? Promise.resolve(arrive(loaded))
    : loadPipeline().then(arrive, (error: unknown) => {
        pipeline = null // nothing can be sent from this page: stop queueing
        waiting = []
        try {
          options.onError?.(
            new CopilotAnalyticsError('createCopilotAnalytics', '-', 'the pipeline did not load', { cause: error }),
          )
        } catch {
          // a throwing onError must not break the host app either
        }
        return null
      })
  return [
    (call) => {
      if (pipeline) call(pipeline)
      else if (pipeline === undefined) waiting.push(call)
    },
    ready,
  ]
}
