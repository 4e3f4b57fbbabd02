import { isRecord, nonEmptyString } from '../shared/guards'

/** Options of {@link createProfileReader}. */
export interface ProfileReaderOptions {
  /** The Profile API's space ID (any value works with the local collector). */
  spaceId: string
  /** The Profile API access token, sent as the Basic auth user (as Segment's API wants it). */
  token?: string
  /**
   * Where the Profile API is: Segment's (`https://profiles.segment.com`, or `https://profiles.euw1.segment.com` in
   * the EU), or the local collector's URL (e.g. `http://127.0.0.1:7463`).
   * @default 'https://profiles.segment.com'
   */
  url?: string
  /**
   * How long one read may take before the copilot answers without the profile.
   * @default 800
   */
  timeoutMs?: number
  /**
   * How long a profile's traits are reused before they are read again; `0` reads them for every call.
   * @default 30_000
   */
  cacheMs?: number
  /**
   * How many profiles the cache keeps (least recently read are dropped first).
   * @default 1_000
   */
  maxProfiles?: number
  /** Told of every failed read (timeout, network, 401, 5xx); the read itself resolves to `{}`. */
  onError?: (error: Error) => void
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch
}

/** Who the traits are for: a known user, an anonymous visitor, or both (the user is tried first). */
export interface ProfileWho {
  userId?: string | null | undefined
  anonymousId?: string | null | undefined
}

/** Reads profile traits for a copilot's answers. Never throws and never rejects. */
export interface ProfileReader {
  /**
   * The traits of the profile, `{}` when there is none or it cannot be read in time. `include` limits the traits
   * read (faster, as Segment recommends).
   */
  traits(who: ProfileWho, options?: { include?: readonly string[] }): Promise<Record<string, unknown>>
  /** Forgets every cached profile (e.g. after the app changed what a user did). */
  clear(): void
}

const MAX_PAGES = 5
const MAX_ID = 1_000

const toError = (value: unknown) => (value instanceof Error ? value : new Error(String(value)))
const usableId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_ID

/**
 * Reads profile traits from Segment's Profile API, or from the local collector's, chosen by configuration alone,
 * with a short cache and a timeout. A copilot that cannot reach its profiles answers without them.
 * @example
 * const profiles = createProfileReader({ spaceId: 'spa_1', token: process.env.SEGMENT_PROFILE_TOKEN })
 * const traits = await profiles.traits({ userId: session?.user.id, anonymousId: tracker.anonymousId })
 */
export function createProfileReader(options: ProfileReaderOptions): ProfileReader {
  const base = String(options?.url ?? 'https://profiles.segment.com').replace(/\/+$/, '')
  const timeoutMs = options?.timeoutMs ?? 800
  const cacheMs = options?.cacheMs ?? 30_000
  const maxProfiles = options?.maxProfiles ?? 1_000
  const cache = new Map<string, { at: number; traits: Promise<Record<string, unknown>> }>()
  const report = (error: unknown) => {
    try {
      options?.onError?.(toError(error))
    } catch {
      // the app's own handler failing must not fail the read
    }
  }
  const headers: Record<string, string> =
    options?.token === undefined ? {} : { Authorization: `Basic ${btoa(`${options.token}:`)}` }

  /** All traits of one external ID (following `next` a few pages), or undefined for a 404. */
  const read = async (externalId: string, include: readonly string[]) => {
    const doFetch = options?.fetch ?? globalThis.fetch
    const traits: Record<string, unknown> = {}
    let next = ''
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ limit: '200' })
      if (include.length > 0) query.set('include', include.join(','))
      if (next) query.set('next', next)
      const path = `/v1/spaces/${encodeURIComponent(String(options.spaceId))}/collections/users/profiles/${encodeURIComponent(externalId)}/traits`
      const response = await doFetch(`${base}${path}?${query}`, { headers, signal: AbortSignal.timeout(timeoutMs) })
      if (response.status === 404) return page === 0 ? undefined : traits
      if (!response.ok) throw new Error(`Profile API answered ${response.status} for ${externalId.split(':')[0]}`)
      const body: unknown = await response.json()
      if (!isRecord(body))
        throw new Error(`Profile API answered a body that is not an object for ${externalId.split(':')[0]}`)
      if (isRecord(body.traits)) Object.assign(traits, body.traits)
      const { cursor } = body
      if (!isRecord(cursor) || cursor.has_more !== true || !nonEmptyString(cursor.next)) break
      next = cursor.next
    }
    return traits
  }

  const lookup = async (who: ProfileWho, include: readonly string[]) => {
    try {
      const ids = [
        ...(usableId(who?.userId) ? [`user_id:${who.userId}`] : []),
        ...(usableId(who?.anonymousId) ? [`anonymous_id:${who.anonymousId}`] : []),
      ]
      for (const externalId of ids) {
        const traits = await read(externalId, include)
        if (traits) return traits
      }
    } catch (error) {
      report(error)
    }
    return {}
  }

  return {
    traits(who, readOptions) {
      try {
        const include = Array.isArray(readOptions?.include) ? readOptions.include.filter(usableId) : []
        const key = JSON.stringify([who?.userId ?? null, who?.anonymousId ?? null, include])
        const now = Date.now()
        const cached = cache.get(key)
        if (cached && now - cached.at < cacheMs) {
          // most recently read last, so the oldest is dropped first
          cache.delete(key)
          cache.set(key, cached)
          return cached.traits
        }
        const traits = lookup(who, include)
        if (cacheMs <= 0) return traits
        cache.set(key, { at: now, traits })
        while (cache.size > maxProfiles) cache.delete(cache.keys().next().value as string)
        return traits
      } catch (error) {
        report(error)
        return Promise.resolve({})
      }
    },
    clear() {
      cache.clear()
    },
  }
}
