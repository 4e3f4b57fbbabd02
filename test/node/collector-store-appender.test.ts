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
import { eventRow } from '../support/eventRow'

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const dir = mkdtempSync(join(tmpdir(), 'collector-appender-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

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
    expect([...(await store.insert([eventRow('r-1')]))]).toEqual(['\nr-1'])
    // re-sent r-1 with a new r-2: the fast append fails on r-1's key, the careful way stores r-2 alone
    expect([...(await store.insert([eventRow('r-1'), eventRow('r-2')]))]).toEqual(['\nr-2'])
    armed = true
    // the next writes, the careful way (it starts careful after re-sent events) and then the fast way again
    expect([...(await store.insert([eventRow('r-3')]))]).toEqual(['\nr-3'])
    expect([...(await store.insert([eventRow('r-4')]))]).toEqual(['\nr-4'])
    expect([...(await store.insert([eventRow('r-5'), eventRow('r-6')]))].sort()).toEqual(['\nr-5', '\nr-6'])
    expect(await store.query('SELECT message_id FROM events ORDER BY message_id')).toEqual(
      ['r-1', 'r-2', 'r-3', 'r-4', 'r-5', 'r-6'].map((id) => ({ message_id: id })),
    )
  } finally {
    await store.close()
  }
})
