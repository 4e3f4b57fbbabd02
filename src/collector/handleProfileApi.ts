/// <reference types="node" />
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ComputedTrait } from './computedTraits'
import { sendJson } from './http'
import {
  listProfiles,
  parseExternalId,
  type ReadQuery,
  readExternalIds,
  readProfileEvents,
  readProfileTraits,
  resolveProfile,
} from './profiles'

/** `/v1/spaces/:spaceId/collections/users/profiles/:externalId/(traits|external_ids|events)`, as Segment's. */
export const PROFILE_API_PATH =
  /^\/v1\/spaces\/([^/]+)\/collections\/users\/profiles\/([^/]+)\/(traits|external_ids|events)$/

/** What the Profile API reads with. */
export interface ProfileApiContext {
  readonly query: ReadQuery
  readonly traits: readonly ComputedTrait[]
  /** The access token callers send as the Basic auth user (Segment's scheme); undefined = no token needed. */
  readonly token: string | undefined
}

// Segment's defaults and caps: 10 traits a page (up to 200), 10 events (up to 100)
const PAGE = { traits: [10, 200], external_ids: [25, 100], events: [10, 100] } as const

const tokenOf = (req: IncomingMessage): string | undefined => {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  if (!match?.[1]) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon < 0 ? decoded : decoded.slice(0, colon)
}

const decode = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

const limitOf = (url: URL, [fallback, max]: readonly [number, number]): number | undefined => {
  const text = url.searchParams.get('limit')
  if (text === null || text === '') return fallback
  const limit = Number(text)
  return Number.isInteger(limit) && limit > 0 && limit <= max ? limit : undefined
}

/**
 * Answers a Profile API request the way Segment's does: Basic auth with the access token, 404 for an unknown
 * profile or an external ID that is not `user_id:…` / `anonymous_id:…`, 400 for a bad `limit` or cursor.
 */
export async function handleProfileApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: ProfileApiContext,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { error: `${req.method} is not allowed on the Profile API` })
    return
  }
  if (context.token !== undefined && tokenOf(req) !== context.token) {
    res.setHeader('WWW-Authenticate', 'Basic realm="profiles"')
    sendJson(res, 401, { error: 'the Profile API needs the access token as the Basic auth user' })
    return
  }
  const match = PROFILE_API_PATH.exec(url.pathname)
  const externalText = match?.[2] === undefined ? undefined : decode(match[2])
  const resource = match?.[3] as keyof typeof PAGE | undefined
  if (!resource || externalText === undefined || decode(match?.[1] ?? '') === undefined) {
    sendJson(res, 400, { error: 'malformed Profile API path' })
    return
  }
  const external = parseExternalId(externalText)
  const identity = external && (await resolveProfile(context.query, external))
  if (!identity) {
    sendJson(res, 404, { error: `no profile for ${JSON.stringify(externalText.slice(0, 200))}` })
    return
  }
  const limit = limitOf(url, PAGE[resource])
  if (limit === undefined) {
    sendJson(res, 400, { error: `limit must be a whole number from 1 to ${PAGE[resource][1]}` })
    return
  }
  const next = url.searchParams.get('next') ?? ''
  const cursor = (hasMore: boolean, nextValue: string) => ({ url: url.pathname, has_more: hasMore, next: nextValue })

  if (resource === 'traits') {
    const all = await readProfileTraits(context.query, identity, context.traits)
    const include = (url.searchParams.get('include') ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
    const names = Object.keys(all)
      .filter((name) => include.length === 0 || include.includes(name))
      .sort()
    const start = next === '' ? 0 : names.indexOf(next)
    if (start < 0) {
      sendJson(res, 400, { error: 'unknown cursor' })
      return
    }
    const page = names.slice(start, start + limit)
    const following = names[start + limit]
    sendJson(res, 200, {
      traits: Object.fromEntries(page.map((name) => [name, all[name]])),
      cursor: cursor(following !== undefined, following ?? ''),
    })
    return
  }
  const offset = next === '' ? 0 : Number(next)
  if (!Number.isInteger(offset) || offset < 0) {
    sendJson(res, 400, { error: 'unknown cursor' })
    return
  }
  const rows =
    resource === 'events'
      ? await readProfileEvents(context.query, identity, limit + 1, offset)
      : (await readExternalIds(context.query, identity)).slice(offset, offset + limit + 1)
  const hasMore = rows.length > limit
  sendJson(res, 200, { data: rows.slice(0, limit), cursor: cursor(hasMore, hasMore ? String(offset + limit) : '') })
}

/** `GET /api/profiles?limit=`: the most recently active profiles with their traits (the insights' People view). */
export async function handleProfiles(res: ServerResponse, url: URL, context: ProfileApiContext): Promise<void> {
  const limit = limitOf(url, [50, 500])
  if (limit === undefined) {
    sendJson(res, 400, { error: 'limit must be a whole number from 1 to 500' })
    return
  }
  sendJson(res, 200, await listProfiles(context.query, context.traits, limit))
}
