import { COPILOT_HEADER } from '../core/copilotHeaders'
import { COPILOT_COOKIE } from '../core/syncCopilotCookie'
import type { ConsentState } from '../core/types'

/** Anything that carries request headers: a `Request`, a `Headers` (Next's `headers()`), or an object of them. */
export type HeadersSource =
  | Request
  | Headers
  | { readonly headers: Headers | Readonly<Record<string, string | readonly string[] | undefined>> }
  | Readonly<Record<string, string | readonly string[] | undefined>>

/** The browser's context as the server read it. */
export interface CopilotRequestContext {
  readonly anonymousId: string | undefined
  readonly userId: string | undefined
  readonly conversationId: string | undefined
  /** `undefined` when the browser said nothing (no kit in front of this request). */
  readonly consent: ConsentState | undefined
  /** Where it came from: the `x-copilot-*` headers, the context cookie, or nowhere. */
  readonly source: 'headers' | 'cookie' | 'none'
  /** Fields that came but were refused (too long, control characters, unknown consent), by field name. */
  readonly refused: readonly string[]
}

/** IDs longer than this are refused: Segment's own IDs are far shorter, and headers are hostile input. */
export const MAX_ID_LENGTH = 256
/** A cookie or header value longer than this is not read at all. */
const MAX_VALUE_LENGTH = 4 * MAX_ID_LENGTH
const CONSENT_STATES: readonly string[] = ['granted', 'pending', 'denied']

/** A header value from any source, or undefined; arrays (repeated headers) are refused as ambiguous. */
function headerOf(source: HeadersSource, name: string): string | undefined {
  try {
    const holder = source instanceof Headers ? source : 'headers' in source ? source.headers : source
    if (holder instanceof Headers || typeof (holder as unknown as Headers).get === 'function') {
      return (holder as unknown as Headers).get(name) ?? undefined
    }
    const record = holder as Record<string, unknown>
    const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name)
    const value = key === undefined ? undefined : record[key]
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

/** A decoded ID, or null when it is not one: empty, too long, badly encoded, or with control characters. */
function readId(raw: string | undefined | null, decode: boolean): string | null | undefined {
  if (raw === undefined || raw === null) return undefined
  if (raw.length > MAX_VALUE_LENGTH) return null
  let value = raw
  if (decode) {
    try {
      value = decodeURIComponent(raw)
    } catch {
      return null
    }
  }
  value = value.trim()
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (value === '' || value.length > MAX_ID_LENGTH || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) {
    return null
  }
  return value
}

/** The context cookie's fields, or undefined when there is none (or it is unreadable). */
function cookieFields(source: HeadersSource, name: string): URLSearchParams | undefined {
  const header = headerOf(source, 'cookie')
  if (!header || header.length > 16 * 1024) return undefined
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=')
    if (at > 0 && pair.slice(0, at).trim() === name) {
      const value = pair.slice(at + 1).trim()
      return value.length > MAX_VALUE_LENGTH * 4 ? undefined : new URLSearchParams(value)
    }
  }
  return undefined
}

/**
 * Reads the browser's context from a request: the `x-copilot-*` headers first (see `copilotHeaders`), else the
 * context cookie (see `syncCopilotCookie`). Every value is hostile input: an ID must be 1–256 characters without
 * control characters, consent one of the three states; anything else is refused (listed in `refused`). A consent
 * header that is present but unreadable counts as `denied`: the server fails closed.
 */
export function readCopilotContext(source: HeadersSource, cookieName = COPILOT_COOKIE): CopilotRequestContext {
  const refused: string[] = []
  const fromHeaders = {
    anonymousId: headerOf(source, COPILOT_HEADER.anonymousId),
    userId: headerOf(source, COPILOT_HEADER.userId),
    conversationId: headerOf(source, COPILOT_HEADER.conversationId),
    consent: headerOf(source, COPILOT_HEADER.consent),
  }
  let raw = fromHeaders
  let source_: CopilotRequestContext['source'] = 'headers'
  let decode = true
  if (Object.values(fromHeaders).every((value) => value === undefined)) {
    const cookie = cookieFields(source, cookieName)
    if (!cookie)
      return {
        anonymousId: undefined,
        userId: undefined,
        conversationId: undefined,
        consent: undefined,
        source: 'none',
        refused,
      }
    raw = {
      anonymousId: cookie.get('a') ?? undefined,
      userId: cookie.get('u') ?? undefined,
      conversationId: cookie.get('c') ?? undefined,
      consent: cookie.get('s') ?? undefined,
    }
    source_ = 'cookie'
    decode = false // URLSearchParams decoded them
  }
  const id = (field: 'anonymousId' | 'userId' | 'conversationId') => {
    const value = readId(raw[field], decode)
    if (value === null) refused.push(field)
    return value ?? undefined
  }
  const anonymousId = id('anonymousId')
  const userId = id('userId')
  const conversationId = id('conversationId')
  let consent: ConsentState | undefined
  if (raw.consent !== undefined) {
    const value = raw.consent.trim().toLowerCase()
    if (CONSENT_STATES.includes(value)) consent = value as ConsentState
    else {
      refused.push('consent')
      consent = 'denied'
    }
  }
  return { anonymousId, userId, conversationId, consent, source: source_, refused }
}
