// The event store's shared commit (issue 13, item 3, second line of defence): when a row that slipped past
// validation makes the shared commit fail, each request in it is retried alone, so only that one fails.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { type EventStore, openEventStore } from '../../src/collector/openEventStore'
import { eventRow } from '../support/eventRow'

let store: EventStore | undefined
afterAll(() => store?.close())

it('fails only the request whose row cannot be stored; the others in the same commit are stored', async () => {
  store = await openEventStore(':memory:')
  const results = await Promise.allSettled([
    store.insert([eventRow('good-1')]),
    // not a timestamp DuckDB can hold: the INSERT of the shared commit fails on it
    store.insert([eventRow('bad-1', '+275760-09-13T00:00:00.000Z')]),
    store.insert([eventRow('good-2'), eventRow('good-3')]),
  ])
  expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
  expect(await store.query('SELECT message_id FROM events ORDER BY message_id')).toEqual([
    { message_id: 'good-1' },
    { message_id: 'good-2' },
    { message_id: 'good-3' },
  ])
})

it('tells the new rows from the re-sent ones, whichever way the commit goes', async () => {
  const own = await openEventStore(':memory:')
  try {
    // first commit: all new (appended straight into the table)
    expect([...(await own.insert([eventRow('d-1'), eventRow('d-2')]))].sort()).toEqual(['\nd-1', '\nd-2'])
    // a re-sent row among new ones: the fast append fails on it, the careful insert stores only the new one
    expect([...(await own.insert([eventRow('d-2'), eventRow('d-3')]))]).toEqual(['\nd-3'])
    // the next commit starts careful (re-sent events come together), then it is all new again
    expect([...(await own.insert([eventRow('d-4')]))]).toEqual(['\nd-4'])
    expect([...(await own.insert([eventRow('d-4')]))]).toEqual([])
    expect([...(await own.insert([eventRow('d-5')]))]).toEqual(['\nd-5'])
    expect([...(await own.insert([eventRow('d-6')]))]).toEqual(['\nd-6'])
    const stored = await own.query('SELECT message_id, count(*)::INTEGER AS n FROM events GROUP BY ALL ORDER BY 1')
    expect(stored).toEqual(['d-1', 'd-2', 'd-3', 'd-4', 'd-5', 'd-6'].map((id) => ({ message_id: id, n: 1 })))
  } finally {
    await own.close()
  }
})

it('fills the typed columns from the properties on write', async () => {
  const own = await openEventStore(':memory:')
  try {
    await own.insert([
      { ...eventRow('t-1'), properties: { role: 'agent', rating: 4 }, role: 'agent', rating: 4 },
      { ...eventRow('t-2'), properties: { rating: '-1' }, rating: -1 },
    ])
    expect(await own.query('SELECT message_id, role, rating FROM events ORDER BY message_id')).toEqual([
      { message_id: 't-1', role: 'agent', rating: 4 },
      { message_id: 't-2', role: null, rating: -1 },
    ])
  } finally {
    await own.close()
  }
})

it('checkpoints the write-ahead log once the writes pause, and keeps taking writes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collector-store-'))
  const path = join(dir, 'events.duckdb')
  const walSize = () => (existsSync(`${path}.wal`) ? statSync(`${path}.wal`).size : 0)
  const own = await openEventStore(path, { idleCheckpointMs: 50 })
  try {
    await own.insert(Array.from({ length: 200 }, (_, i) => eventRow(`w-${i}`)))
    // committed (durable in the log) before any checkpoint: the log holds them
    expect(walSize()).toBeGreaterThan(0)
    await expect.poll(walSize, { timeout: 10_000, interval: 50 }).toBe(0)
    await own.insert([eventRow('w-after')])
  } finally {
    await own.close()
  }
  const again = await openEventStore(path)
  try {
    expect(await again.query('SELECT count(*)::INTEGER AS n FROM events')).toEqual([{ n: 201 }])
  } finally {
    await again.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

it('bounds DuckDB memory for a database file (256 MB unless told), not for an in-memory one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'collector-store-'))
  const limit = async (store: EventStore) =>
    (await store.query("SELECT current_setting('memory_limit') AS limit"))[0]?.limit
  const file = await openEventStore(join(dir, 'a.duckdb'))
  const told = await openEventStore(join(dir, 'b.duckdb'), { memoryLimit: '1GB' })
  const memory = await openEventStore(':memory:')
  try {
    // DuckDB reports the limit in MiB/GiB: 256 MB = 244 MiB, 1 GB = 953 MiB
    expect(await limit(file)).toBe('244.1 MiB')
    expect(await limit(told)).toBe('953.6 MiB')
    expect(await limit(memory)).not.toBe('244.1 MiB')
  } finally {
    await Promise.all([file.close(), told.close(), memory.close()])
    rmSync(dir, { recursive: true, force: true })
  }
})
