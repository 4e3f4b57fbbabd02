import type { FrontProblem } from './problems'

// The problems the client's front reports, by number: their names (what onError's message says in production),
// sentences and, where they never vary, events and fields load with the engine, which reports them (see
// FRONT_PROBLEMS in ./problems). Constants a bundler inlines: the first bundle carries the digit.
export const FAILED: FrontProblem<'failed'> = 0
export const UNREADABLE: FrontProblem<'unreadable'> = 1
export const NOT_AN_OBJECT: FrontProblem<'not an object'> = 2
export const MEMORY_ONLY: FrontProblem<'memory only'> = 3
export const RATING_NOT_SENT: FrontProblem<'not sent'> = 4
export const NEW_ID_USED: FrontProblem<'new ID used'> = 5
export const NO_TYPE: FrontProblem<'no type, not sent'> = 6
export const NO_NAME: FrontProblem<'no name, not sent'> = 7
export const UNKNOWN_STATE: FrontProblem<'unknown state'> = 8
export const LISTENER_THREW: FrontProblem<'listener threw'> = 9
