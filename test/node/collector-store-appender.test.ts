// Regression (issue 18): a fast append that fails on a re-sent event must clear and close its appender. Left
// open, the appender still holds the batch's rows, and its finaliser flushes them, whenever the garbage
// collector runs it, into whatever transaction that connection has open then: the re-sent key aborts that
// transaction, and a later, unrelated write failed with 500 "Current transaction is aborted" (or, as here, was
// acknowledged and not stored: r-3 goes missing with the code before 5646e9a). Here the garbage collector is made
// to run inside every later transaction (the `inTransaction` hook), so the leak cannot hide.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, expect, it } from 'vitest'
import { openEventStore } from '../../src/collector/openEventStore'
import type { EventRow } from '../../src/collector/types'

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const dir = mkdtempSync(join(tmpdir(), 'collector-appender-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const row = (id: string): EventRow => ({
  message_id: id,
  type: 'track',
  event: 'Message Sent',
  conversation_id: 'c-appender',
  chat_message_id: null,
  user_id: null,
  anonymous_id: 'a',
  timestamp: new Date().toISOString(),
  received_at: new Date().toISOString(),
  properties: {},
  traits: null,
  context: null,
  raw: { messageId: id },
  write_key: '',
  valid: true,
  problems: [],
  role: null,
  rating: null,
})

/** Runs the garbage collector and lets the finalisers it queued run. */
const collectAndFinalise = async () => {
  for (let round = 0; round < 3; round++) {
    collectGarbage()
    await new Promise((resolve) => setImmediate(resolve))
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

it('a re-sent batch whose fast append failed never reaches a later transaction', async () => {
  let armed = false
  const store = await openEventStore(join(dir, 'events.duckdb'), {
    inTransaction: async () => {
      // inside an open transaction: any appender left behind is finalised (and flushed) right now
      if (armed) await collectAndFinalise()
    },
  })
  try {
    expect([...(await store.insert([row('r-1')]))]).toEqual(['\nr-1'])
    // re-sent r-1 with a new r-2: the fast append fails on r-1's key, the careful way stores r-2 alone
    expect([...(await store.insert([row('r-1'), row('r-2')]))]).toEqual(['\nr-2'])
    armed = true
    // the next writes, the careful way (it starts careful after re-sent events) and then the fast way again
    expect([...(await store.insert([row('r-3')]))]).toEqual(['\nr-3'])
    expect([...(await store.insert([row('r-4')]))]).toEqual(['\nr-4'])
    expect([...(await store.insert([row('r-5'), row('r-6')]))].sort()).toEqual(['\nr-5', '\nr-6'])
    expect(await store.query('SELECT message_id FROM events ORDER BY message_id')).toEqual(
      ['r-1', 'r-2', 'r-3', 'r-4', 'r-5', 'r-6'].map((id) => ({ message_id: id })),
    )
  } finally {
    await store.close()
  }
})
