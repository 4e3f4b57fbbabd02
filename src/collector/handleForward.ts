/// <reference types="node" />
import type { ServerResponse } from 'node:http'
import type { Forwarder } from './createForwarder'
import { sendJson } from './http'

/**
 * `GET /api/forward?limit=`: the forwarder's state and the events the receiver refused for good (newest first,
 * default 100), or `{ enabled: false }` when the collector does not forward.
 */
export async function handleForward(url: URL, res: ServerResponse, forwarder: Forwarder | undefined): Promise<void> {
  if (!forwarder) return sendJson(res, 200, { enabled: false })
  const limit = Number(url.searchParams.get('limit') ?? 100)
  const [state, setAside] = await Promise.all([
    forwarder.state(),
    forwarder.setAside(Number.isFinite(limit) ? limit : 100),
  ])
  sendJson(res, 200, { enabled: true, ...state, setAsideEvents: setAside })
}
