import type { Unsendable } from './beforeSend'

// declared here so the published types need no @types/node
declare const process: { env: Record<string, string | undefined> }

type Text = string | ((detail: never) => string)

/** What is wrong with what a `beforeSend` hook returned, by the fault `applyBeforeSend` found. */
const UNSENDABLE: Record<Unsendable['fault'], (got: unknown) => string> = {
  result: (got) => `must return the event or null, got ${typeof got}`,
  type: (got) => `changed the event type to ${String(got)}`,
  anonymousId: () => 'returned no anonymousId',
  event: () => 'returned no event name',
  properties: () => 'returned properties that are not an object',
  traits: () => 'returned traits that are not an object',
}

/**
 * What the kit says about each problem it reports instead of throwing. The key is what production builds say
 * (short: with the event and field beside it, enough to find the cause); development builds say what was
 * expected, what came and what was done instead.
 */
const DEVELOPMENT_TEXTS = {
  'memory only':
    "localStorage is full or blocked: identity, conversation state and analytics-next's retry queue are kept in memory for this page; events are still sent",
  'no destination': 'no destination: pass writeKey, apiHost, analytics or destination. Events are not sent.',
  'not an object': (got: unknown) => `expected an object, got ${got === null ? 'null' : typeof got}`,
  ignored: 'must be a non-empty string; ignored',
  'default used': (fallback) => `must be a non-empty string; sent as "${fallback}"`,
  'sent as text': (type) => `must be a string, got ${type}; sent as text`,
  'left out': (type) => `must be a string, got ${type}; sent without message_body`,
  'sent as a number': 'must be a number, got a numeric string; sent as a number',
  'not sent': (value) => `must be a finite number or 'up'/'down', got ${value}; not sent`,
  failed: 'failed unexpectedly; nothing was sent',
  'not a string': 'must be a string',
  'not an object, ignored': 'must be an object; ignored',
  'new ID used': 'must be a non-empty string; a new ID was used',
  'no type, not sent': 'must be a non-empty string (the component, e.g. "Stock Price Chart"); not sent',
  'no name, not sent': 'track needs a non-empty event name; not sent',
  'unknown state': (state) => `must be 'granted', 'pending' or 'denied', got ${state}`,
  'flush failed': 'failed',
  'queue full': (max) => `dropped: more than ${max} events waited for consent (maxPendingEvents)`,
  'send failed': 'could not be sent',
  'body omitted': (type) => `the messageBody function returned ${type}; the body was omitted`,
  'body omitted, threw': 'the messageBody function threw; the body was omitted',
  'dropped, threw': 'threw; the event was dropped',
  'dropped, not an event': ({ fault, got }: Unsendable) => `${UNSENDABLE[fault](got)}; the event was dropped`,
  'not sampled': 'must be an object of event name → rate; nothing is sampled',
  'never sampled': 'lifecycle and identify events are never sampled; every one is sent',
  'bad rate': (rate) => `the rate must be a number from 0 to 1, got ${rate}; every one is sent`,
  'sent as null': (value) => `${value} is not a finite number; sent as null`,
  dropped: (type) => `a ${type} cannot be sent; dropped`,
  circular: 'circular reference; sent as "[Circular]"',
  unreadable: (error) => `could not be read (${error}); dropped`,
  'too deep': 'nested more than 64 levels deep; dropped',
  'cut to fit': 'too large for the event size limit (measured as sent, JSON-serialised); cut to fit',
  'too large, dropped': 'too large for the event size limit (measured as sent, JSON-serialised); dropped',
  'event too large': 'its IDs alone are over the event size limit; the event was dropped',
  'listener threw': 'a listener threw; it was skipped and tracking goes on',
} satisfies Record<string, Text>

/** A problem the kit reports. */
export type Problem = keyof typeof DEVELOPMENT_TEXTS

/**
 * The problems the client's front reports, numbered: the front is in the first bundle an app loads, so it carries
 * a number and the engine, which reports it, the rest: the problem's name and its event and field, unless the call
 * gives them (`''`: always given; the event '(empty)': for a name that is empty as text). Each front constant (in
 * `frontProblems.ts`) is typed `FrontProblem<'its name'>`, so TypeScript checks its number against this list.
 */
export const FRONT_PROBLEMS = [
  ['createCopilotAnalytics', '-', 'failed'],
  ['createCopilotAnalytics', '', 'unreadable'],
  ['', 'input', 'not an object'],
  ['storage', '-', 'memory only'],
  ['Feedback Submitted', 'rating', 'not sent'],
  ['startConversation', 'conversationId', 'new ID used'],
  ['Component Loaded', 'type', 'no type, not sent'],
  ['(empty)', 'event', 'no name, not sent'],
  ['setConsent', 'state', 'unknown state'],
  ['subscribe', '-', 'listener threw'],
] as const satisfies readonly (readonly [event: string, field: string, name: Problem])[]

/** The position of the row named `Name` in `Rows`. */
type IndexOf<Rows extends readonly unknown[], Name, Before extends unknown[] = []> = Rows extends readonly [
  infer First,
  ...infer Rest,
]
  ? First extends readonly [string, string, Name]
    ? Before['length']
    : IndexOf<Rest, Name, [...Before, First]>
  : never

/** The number the front reports the problem `Name` with (see `FRONT_PROBLEMS`). */
export type FrontProblem<Name extends (typeof FRONT_PROBLEMS)[number][2]> = IndexOf<typeof FRONT_PROBLEMS, Name>

/**
 * The development sentence for `problem`; its name when `detail` cannot become text (a symbol, an object without
 * toString).
 */
function sentence(problem: Problem, detail: unknown): string {
  const text: Text = DEVELOPMENT_TEXTS[problem] ?? problem
  try {
    return typeof text === 'function' ? (text as (detail: unknown) => string)(detail) : text
  } catch {
    return problem
  }
}

/**
 * The message for `problem`: the full sentence in development, the problem's short name in production.
 * `detail` (what came, or what was used instead) fills the development sentence.
 */
export function describeProblem(problem: Problem, detail?: unknown): string {
  // written so that a minifying bundler replacing process.env.NODE_ENV with "production" (esbuild, Rolldown/oxc,
  // terser) drops the sentences: the condition folds, the try block is empty, and with it goes the catch (which
  // only runs without a bundler and without `process`). An unminified build keeps them, unused.
  try {
    if (process.env.NODE_ENV !== 'production') return sentence(problem, detail)
  } catch {
    return sentence(problem, detail)
  }
  return problem
}
