/** createProfileReader against a Profile API that answers 200 with bodies of the wrong shape (hostile upstream). */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createProfileReader } from '../../src/server/createProfileReader'

const BODIES: Record<string, string> = {
  null: 'null',
  list: '[{"traits":{"plan":"pro"}}]',
  'list-traits': '{"traits":["pro","team"]}',
  'bad-cursor': '{"traits":{"plan":"pro"},"cursor":{"has_more":true,"next":5}}',
}

let server: Server
let url: string
beforeAll(async () => {
  server = createServer((req, res) => {
    const name = Object.keys(BODIES).find((key) => req.url?.includes(`user_id%3A${key}/`))
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(name ? BODIES[name] : '{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

it('answers {} for a body that is not an object, reporting what the Profile API answered', async () => {
  const errors: Error[] = []
  const reader = createProfileReader({ spaceId: 's', url, cacheMs: 0, onError: (error) => errors.push(error) })
  expect(await reader.traits({ userId: 'null' })).toEqual({})
  expect(await reader.traits({ userId: 'list' })).toEqual({})
  expect(errors.map((error) => error.message)).toEqual([
    'Profile API answered a body that is not an object for user_id',
    'Profile API answered a body that is not an object for user_id',
  ])
})

it('takes traits only from an object, and stops at a cursor it cannot follow', async () => {
  const errors: Error[] = []
  const reader = createProfileReader({ spaceId: 's', url, cacheMs: 0, onError: (error) => errors.push(error) })
  expect(await reader.traits({ userId: 'list-traits' })).toEqual({})
  expect(await reader.traits({ userId: 'bad-cursor' })).toEqual({ plan: 'pro' })
  expect(errors).toEqual([])
})
