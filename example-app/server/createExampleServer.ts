import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { LanguageModel } from 'ai'
import { type Collector, createCollector } from '../../src/collector'
import { checkHost, checkRead, checkSameOrigin, type Refusal } from '../../src/collector/requestGuard'
import {
  createProfileReader,
  createServerAnalytics,
  type ProfileReader,
  type ProfileReaderOptions,
  type ServerAnalytics,
} from '../../src/server'
import { handleChat } from './chatHandler'
import { computeInsights, conversationEvents } from './insights'
import { renderConversationPage, renderInsightsPage } from './insightsPage'
import { listPeople } from './people'
import { renderPeoplePage } from './peoplePage'
import { STOCK_TRAITS } from './profileTraits'
import { handlePurchase } from './purchaseHandler'
import { createScriptedModel } from './scriptedModel'
import { serveStatic } from './serveStatic'

/** Options of {@link createExampleServer}. */
export interface ExampleServerOptions {
  /** @default 3000 (0 picks a free port) */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
  /**
   * The collector's DuckDB file, or ':memory:'.
   * @default '.copilot-analytics/events.duckdb'
   */
  db?: string
  /** The model answering `/api/chat`. @default the scripted stocks model */
  model?: LanguageModel
  /** The built chat client. @default example-app/dist */
  clientDir?: string
  /**
   * Where the copilot reads its user's profile traits: Segment's Profile API (`{ spaceId, token }`), or by default
   * this server's own collector.
   */
  profileApi?: Partial<ProfileReaderOptions>
  /** A Segment write key: the browser then sends to Segment instead of the embedded collector. */
  segmentWriteKey?: string
}

/** The runtime config the chat client reads from `window.__EXAMPLE_CONFIG__`. */
export interface ClientConfig {
  /** Where analytics-next sends events: the embedded collector on this origin, unless Segment is used. */
  destination: 'collector' | 'segment'
  segmentWriteKey?: string
  model: string
}

/** A running example app. */
export interface ExampleServer {
  /** e.g. http://127.0.0.1:3000 */
  url: string
  collector: Collector
  close(): Promise<void>
}

const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../dist', import.meta.url))

/**
 * One HTTP server for the whole example: the chat client, `POST /api/chat` (AI SDK), the collector's routes
 * (`/v1/*`, `/api/events`, live page at `/collector`) and the insights pages over the collector's database.
 */
export async function createExampleServer(options: ExampleServerOptions = {}): Promise<ExampleServer> {
  const host = options.host ?? '127.0.0.1'
  // the interface it listens on is a Host it answers to; anything else is refused (DNS rebinding)
  const allowedHosts = host === '0.0.0.0' || host === '::' ? [] : [host]
  const collector = await createCollector({
    db: options.db ?? '.copilot-analytics/events.duckdb',
    livePagePath: '/collector',
    allowedHosts,
    // the stocks copilot's own traits, beside the spec's: read back through the Profile API before each answer
    computedTraits: STOCK_TRAITS,
  })
  const model = options.model ?? createScriptedModel()
  const clientDir = options.clientDir ?? DEFAULT_CLIENT_DIR
  const config: ClientConfig = {
    destination: options.segmentWriteKey ? 'segment' : 'collector',
    ...(options.segmentWriteKey ? { segmentWriteKey: options.segmentWriteKey } : {}),
    model: typeof model === 'string' ? model : model.modelId,
  }

  // the server's own events (purchases it confirms): to Segment with the write key, else to this server's collector
  let copilot: ServerAnalytics | undefined
  const serverAnalytics = () =>
    (copilot ??= createServerAnalytics({
      writeKey: options.segmentWriteKey ?? 'example-app',
      ...(options.segmentWriteKey ? {} : { host: ownUrl }),
    }))
  let ownUrl = ''
  // the profile the copilot answers with: Segment's Profile API when configured, else this server's collector
  let profileReader: ProfileReader | undefined
  const profiles = () =>
    (profileReader ??= createProfileReader({
      spaceId: 'example-app',
      url: ownUrl,
      // read fresh for every answer (a local read is cheap): what the user just did counts in the next one
      cacheMs: 0,
      timeoutMs: 1_000,
      ...options.profileApi,
      onError: (error) => console.warn('[example-app] profile traits:', error.message),
    }))

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://example.local')
      decodeURIComponent(url.pathname)
    } catch {
      return sendError(res, 400, 'malformed request URL')
    }
    const path = url.pathname
    const badHost = checkHost(req, allowedHosts)
    if (badHost) return refuse(res, badHost)
    // the chat and insights routes come first: the collector answers every other /api/* path
    if (path === '/api/chat' && req.method === 'POST') {
      // only this app's own page may run the model: same origin, and JSON (a cross-site form cannot send it)
      const crossSite = checkSameOrigin(req)
      if (crossSite) return refuse(res, crossSite)
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
      if (type !== 'application/json') return sendError(res, 415, '/api/chat accepts application/json only')
      return handleChat(req, res, model, profiles())
    }
    if (path === '/api/purchase' && req.method === 'POST') {
      const crossSite = checkSameOrigin(req)
      if (crossSite) return refuse(res, crossSite)
      return handlePurchase(req, res, serverAnalytics())
    }
    if (path === '/api/insights' && req.method === 'GET') {
      const refusal = checkRead(req, undefined, allowedHosts)
      if (refusal) return refuse(res, refusal)
      const insights = await computeInsights(collector.query)
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      res.end(JSON.stringify(insights))
      return
    }
    if (path === '/insights/people') return sendHtml(res, renderPeoplePage(await listPeople(collector.query)))
    if (path === '/insights' || path === '/insights/') {
      return sendHtml(res, renderInsightsPage(await computeInsights(collector.query)))
    }
    const drill = /^\/insights\/conversations\/([^/]+)$/.exec(path)
    if (drill?.[1]) {
      // the whole path decoded above, so this one cannot throw
      const id = decodeURIComponent(drill[1])
      return sendHtml(res, renderConversationPage(id, await conversationEvents(collector.query, id)))
    }
    if (await collector.handle(req, res)) return
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'Content-Type': 'text/plain' }).end('Method not allowed')
      return
    }
    await serveStatic(clientDir, path, res, config)
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // one failing request must not take the demo down
      console.error('[example-app]', error)
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' })
      res.end('Internal error')
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 3000, host, () => resolve())
  })
  const { address, port } = server.address() as AddressInfo
  ownUrl = `http://${address.includes(':') ? `[${address}]` : address}:${port}`
  let closing: Promise<void> | undefined
  return {
    url: ownUrl,
    collector,
    close() {
      closing ??= (async () => {
        await copilot?.flush({ timeout: 2000 })
        server.closeAllConnections()
        await new Promise<void>((resolve) => server.close(() => resolve()))
        await collector.close()
      })()
      return closing
    },
  }
}

function sendError(res: ServerResponse, status: number, error: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(JSON.stringify({ error }))
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  sendError(res, refusal.status, refusal.error)
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(html)
}
