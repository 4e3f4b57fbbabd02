// The collector's part of the bench table (Markdown), for `npm run bench` and `npx tsx bench/collector.ts`.
import type { CollectorBenchResult } from './collector'
import { round } from './stats'

/** The collector bench's figures as a Markdown table, each beside its baseline where it has one. */
export function collectorTable(result: CollectorBenchResult): string {
  const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')} events/s`
  const ms = (value: number) => `${round(value, 3)} ms`
  const rows: string[][] = [
    ['Collector', 'Measured', 'Baseline', 'Ratio'],
    [
      `Ingest: batches of 100, ${result.batches.senders} senders (p50 / p99 ack), vs the same senders to a server that stores nothing`,
      `${perSecond(result.batches.eventsPerSecond)} (${ms(result.batches.p50)} / ${ms(result.batches.p99)})`,
      perSecond(result.ceiling.batches.eventsPerSecond),
      `${round(result.batches.eventsPerSecond / result.ceiling.batches.eventsPerSecond, 3)}×`,
    ],
    [
      `Ingest: batches of 100, ${result.batchesWide.senders} senders (p50 / p99 ack), vs the same senders to a server that stores nothing`,
      `${perSecond(result.batchesWide.eventsPerSecond)} (${ms(result.batchesWide.p50)} / ${ms(result.batchesWide.p99)})`,
      perSecond(result.ceiling.batchesWide.eventsPerSecond),
      `${round(result.batchesWide.eventsPerSecond / result.ceiling.batchesWide.eventsPerSecond, 3)}×`,
    ],
    ...(result.storeAlone
      ? [
          [
            `Ingest by ${result.batches.senders} senders vs the event store alone (no HTTP, commits of ${result.storeAlone.rowsPerCommit} prepared rows one after another; ${round(result.storeAlone.cpuMicrosPerEvent, 3)} µs of CPU per event)`,
            perSecond(result.batches.eventsPerSecond),
            perSecond(result.storeAlone.eventsPerSecond),
            `${round(result.batches.eventsPerSecond / result.storeAlone.eventsPerSecond, 3)}×`,
          ],
        ]
      : []),
    [
      `Ingest: single /v1/t calls, ${result.singles.senders} senders (p50 / p99 ack), vs the same senders to a server that stores nothing`,
      `${perSecond(result.singles.eventsPerSecond)} (${ms(result.singles.p50)} / ${ms(result.singles.p99)})`,
      perSecond(result.ceiling.singles.eventsPerSecond),
      `${round(result.singles.eventsPerSecond / result.ceiling.singles.eventsPerSecond, 3)}×`,
    ],
    [
      `Ack latency at half the batch rate (${result.halfRate.rate} events/s offered; DuckDB checkpoints in the window: ${result.halfRateCheckpoints}): p50 / p99`,
      `${ms(result.halfRate.p50)} / ${ms(result.halfRate.p99)}`,
      `${ms(result.batches.p99)} p99 at full rate`,
      `${round(result.halfRate.p99 / result.batches.p99, 3)}×`,
    ],
    ['RSS of the collector process, start → end of the load', `${result.rssMb.start} → ${result.rssMb.end} MB`, '', ''],
    ...(result.sustained
      ? [
          [
            `Sustained: ${result.sustained.seconds} s of batches from 8 senders on a fresh file (${result.sustained.checkpoints} DuckDB checkpoints), RSS every 5 s (DuckDB's memory at the end)`,
            `${perSecond(result.sustained.load.eventsPerSecond)}, p99 ${ms(result.sustained.load.p99)}; RSS ${result.sustained.rssMb.join(' → ')} MB (${Object.entries(
              result.sustained.duckdbMb,
            )
              .map(([tag, mb]) => `${tag} ${mb}`)
              .join(', ')})`,
            '',
            '',
          ],
        ]
      : []),
    [
      'Machine load average (1 min, 2 cores), start → end of the collector bench',
      `${result.loadAverage.start} → ${result.loadAverage.end}`,
      '',
      '',
    ],
  ]
  const first = result.queries[0]
  for (const q of result.queries) {
    const label = q.events.toLocaleString('en-US')
    rows.push([
      `Insights queries (example app) at ${label} events`,
      ms(q.insightsMs),
      first ? ms(first.insightsMs) : '',
      first ? `${round(q.insightsMs / first.insightsMs, 3)}×` : '',
    ])
    rows.push([
      `GET /api/conversations (newest 1,000) at ${label} events`,
      ms(q.conversationsMs),
      first ? ms(first.conversationsMs) : '',
      first ? `${round(q.conversationsMs / first.conversationsMs, 3)}×` : '',
    ])
    rows.push([
      `GET /api/conversations?limit=100000 (all ${(q.events / 20).toLocaleString('en-US')}) at ${label} events`,
      ms(q.allConversationsMs),
      first ? ms(first.allConversationsMs) : '',
      first ? `${round(q.allConversationsMs / first.allConversationsMs, 3)}×` : '',
    ])
  }
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  const [header, ...body] = rows
  return [line(header ?? []), line(['---', '---:', '---:', '---:']), ...body.map(line)].join('\n')
}
