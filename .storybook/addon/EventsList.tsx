// the manager bundles addons with the classic JSX transform (React.createElement), so React must be in scope
// biome-ignore lint/correctness/noUnusedImports: used by the compiled JSX
import React, { type CSSProperties, type ReactNode } from 'react'
import type { RecordedEvent } from '../../stories/support/createStoryRecorder'

/** Props of {@link EventsList}. */
export interface EventsListProps {
  records: readonly RecordedEvent[]
  /** Forget the story's events. */
  onClear: () => void
}

const styles = {
  bar: { display: 'flex', alignItems: 'center', gap: 12, padding: '6px 12px', borderBottom: '1px solid #e6e6e6' },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: { padding: '8px 12px', borderBottom: '1px solid #f0f0f0' },
  head: { display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' },
  name: { fontWeight: 600 },
  muted: { color: '#73828c', fontSize: 12 },
  valid: { color: '#1a7f37', fontSize: 12 },
  invalid: { color: '#cf222e', fontSize: 12 },
  pre: { margin: '4px 0 0', fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
  empty: { padding: 12, color: '#73828c' },
} satisfies Record<string, CSSProperties>

/** The spec validator's verdict on one event, in words. */
function Verdict({ record }: { record: RecordedEvent }): ReactNode {
  if (record.problems.length === 0) return <span style={styles.valid}>✓ matches the spec</span>
  return (
    <span style={styles.invalid}>
      ✗ {record.problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}
    </span>
  )
}

/**
 * The Analytics events panel's content: each event the story fired, oldest first, with its properties,
 * delivery status and the spec validator's verdict, and a button to clear the list.
 */
export function EventsList({ records, onClear }: EventsListProps): ReactNode {
  const invalid = records.filter((record) => record.problems.length > 0).length
  return (
    <section aria-label="Analytics events">
      <div style={styles.bar}>
        <span>
          {records.length} {records.length === 1 ? 'event' : 'events'}
          {invalid > 0 ? `, ${invalid} not matching the spec` : ''}
        </span>
        <button type="button" onClick={onClear} disabled={records.length === 0}>
          Clear
        </button>
      </div>
      {records.length === 0 ? (
        <p style={styles.empty}>No events yet: interact with the story.</p>
      ) : (
        <ol style={styles.list}>
          {records.map((record) => (
            <li key={`${record.index}-${record.timestamp}`} style={styles.item} aria-label={record.name}>
              <div style={styles.head}>
                <span style={styles.muted}>#{record.index}</span>
                <span style={styles.name}>{record.name}</span>
                <span style={styles.muted}>{record.status}</span>
                <Verdict record={record} />
              </div>
              <pre style={styles.pre}>
                {JSON.stringify(
                  record.type === 'identify'
                    ? { userId: record.userId, anonymousId: record.anonymousId, traits: record.properties }
                    : record.properties,
                  null,
                  2,
                )}
              </pre>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
