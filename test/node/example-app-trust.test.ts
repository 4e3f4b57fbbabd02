// Issue 13, example app server: the same read rules as the collector, a chat endpoint that only its own page can
// drive, 400 for garbage, and views that keep working over a database file holding lone surrogates.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LanguageModel } from 'ai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createExampleServer, type ExampleServer } from '../../example-app/server/createExampleServer'
import { createScriptedModel } from '../../example-app/server/scriptedModel'
import { writeOldEventsDb } from '../support/oldEventsDb'
import { rawRequest } from '../support/rawHttp'

const dir = mkdtempSync(join(tmpdir(), 'example-trust-'))
let server: ExampleServer
let modelCalls = 0
beforeAll(async () => {
  const db = join(dir, 'events.duckdb')
  await writeOldEventsDb(db)
  // the scripted model, counting every time it is asked to answer
  const scripted = createScriptedModel({ chunkDelayMs: 1 }) as Exclude<LanguageModel, string>
  const model = new Proxy(scripted, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver)
      if (property !== 'doStream' && property !== 'doGenerate') return value
      return (...args: unknown[]) => {
        modelCalls++
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
  server = await createExampleServer({ port: 0, db, model, clientDir: dir })
}, 60_000)
afterAll(async () => {
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

const EVIL = 'https://evil.example'
const chatBody = JSON.stringify({
  id: 'chat-1',
  messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'price of NVDA' }] }],
  trigger: 'submit-message',
})
const chat = (headers: Record<string, string>, body = chatBody) =>
  rawRequest(server.url, { method: 'POST', path: '/api/chat', headers, body })

describe('/api/chat runs the model only for its own page', () => {
  it('refuses a cross-origin text/plain POST (a form or fetch from another site) without running the model', async () => {
    const before = modelCalls
    for (const headers of [
      { 'Content-Type': 'text/plain', Origin: EVIL },
      { 'Content-Type': 'text/plain;charset=UTF-8', 'Sec-Fetch-Site': 'cross-site' },
      { 'Content-Type': 'application/json', Origin: EVIL },
      { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'null' },
    ]) {
      expect((await chat(headers)).status, JSON.stringify(headers)).toBe(403)
    }
    // same origin, but not JSON: a simple request a browser would send without a preflight
    expect((await chat({ 'Content-Type': 'text/plain' })).status).toBe(415)
    expect((await chat({})).status).toBe(415)
    expect(modelCalls).toBe(before)
    const own = await chat({ 'Content-Type': 'application/json', Origin: server.url, 'Sec-Fetch-Site': 'same-origin' })
    expect(own.status).toBe(200)
    expect(own.text).toContain('text-delta')
    expect(modelCalls).toBe(before + 1)
  })

  it('answers garbage messages 400, never 500, and never reaches the model', async () => {
    const before = modelCalls
    for (const body of [
      '{"messages":[1,2,3]}',
      '{"messages":[{"role":"wizard"}]}',
      '{"messages":[{"id":"x","role":"user","parts":"not a list"}]}',
      '{"messages":[{"id":"x","role":"user","parts":[{"type":"tool-showStockPrice","state":"output-available"}]}]}',
      '{"messages":"hello"}',
      '{"messages":null}',
      'null',
      '[]',
      '{',
      '"\\ud800"',
    ]) {
      const answer = await chat({ 'Content-Type': 'application/json' }, body)
      expect(answer.status, body).toBe(400)
    }
    expect(modelCalls).toBe(before)
  })
})

describe('reads are same-origin, the Host is checked, bad URLs are 4xx', () => {
  it('answers /api/events and /api/insights to another site with 403 and no CORS headers', async () => {
    for (const path of ['/api/events', '/api/insights', '/api/conversations']) {
      const answer = await rawRequest(server.url, { path, headers: { Origin: EVIL } })
      expect(answer.status, path).toBe(403)
      expect(answer.headers['access-control-allow-origin']).toBeUndefined()
      expect((await rawRequest(server.url, { path })).status, path).toBe(200)
    }
  })

  it('refuses a foreign Host (DNS rebinding) on every route', async () => {
    const port = new URL(server.url).port
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/insights'],
      ['GET', '/api/insights'],
      ['GET', '/api/events'],
      ['POST', '/api/chat'],
      ['GET', '/collector'],
    ] as const) {
      const answer = await rawRequest(server.url, {
        method,
        path,
        headers: { Host: `evil.example:${port}`, 'Content-Type': 'application/json' },
        ...(method === 'POST' ? { body: chatBody } : {}),
      })
      expect(answer.status, `${method} ${path}`).toBe(403)
    }
  })

  it('answers malformed percent-encoding 400', async () => {
    for (const path of ['/insights/conversations/%ZZ', '/%E0%A4%A', '/assets/%', '/v1/projects/%/settings']) {
      expect((await rawRequest(server.url, { path })).status, path).toBe(400)
    }
  })
})

describe('the views over a database file written with lone surrogates', () => {
  it('serves the insights page, its JSON and the conversation drill-down', async () => {
    const insights = await rawRequest(server.url, { path: '/api/insights' })
    expect(insights.status).toBe(200)
    expect(JSON.parse(insights.text).totals).toMatchObject({ conversations: 1, messages: 2 })
    expect((await rawRequest(server.url, { path: '/insights' })).status).toBe(200)
    const drill = await rawRequest(server.url, { path: '/insights/conversations/c-old' })
    expect(drill.status).toBe(200)
    expect(drill.text).toContain('half \ufffd')
  })
})
