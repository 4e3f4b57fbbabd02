import {
  type KeyboardEvent,
  type ReactNode,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'
import { createPortal } from 'react-dom'
import { panelStyles } from './panelStyles'
import type { DevtoolsDelivery, DevtoolsEntry, DevtoolsPanelProps } from './types'

const DELIVERY_LABELS: Record<DevtoolsDelivery, string> = {
  sending: 'sending…',
  delivered: 'delivered',
  retrying: 'retrying',
  failed: 'failed',
  accepted: 'accepted',
  held: 'held',
  dropped: 'dropped',
}

const DELIVERY_TONE: Record<DevtoolsDelivery, string> = {
  sending: 'cad-dim',
  delivered: 'cad-ok',
  retrying: 'cad-warn',
  failed: 'cad-bad',
  accepted: 'cad-ok',
  held: 'cad-warn',
  dropped: 'cad-bad',
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0')
const formatTime = (time: number) => {
  const date = new Date(time)
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}
const short = (id: string | undefined) => (id === undefined ? '—' : id.length > 12 ? `${id.slice(0, 8)}…` : id)

/** What "Copy as JSON" puts on the clipboard: the events as sent, with the verdicts. */
const toJson = (entries: readonly DevtoolsEntry[]) =>
  JSON.stringify(
    entries.map((entry) => ({
      time: new Date(entry.time).toISOString(),
      ...entry.event,
      delivery: entry.delivery,
      ...(entry.reason === undefined ? {} : { reason: entry.reason }),
      problems: entry.problems,
    })),
    null,
    2,
  )

/** Renders into a shadow root on its own host element, so no style crosses in either direction. */
export default function DevtoolsPanel(props: DevtoolsPanelProps): ReactNode {
  const hostRef = useRef<HTMLDivElement>(null)
  const [root, setRoot] = useState<ShadowRoot | HTMLElement | null>(null)
  useLayoutEffect(() => {
    const host = hostRef.current
    if (!host) return
    // StrictMode runs this twice, and a host can carry only one shadow root
    setRoot(host.shadowRoot ?? (typeof host.attachShadow === 'function' ? host.attachShadow({ mode: 'open' }) : host))
  }, [])
  return (
    <div ref={hostRef} data-copilot-analytics-devtools="">
      {root &&
        createPortal(
          <>
            <style>{panelStyles}</style>
            <PanelContent {...props} />
          </>,
          root,
        )}
    </div>
  )
}

function PanelContent({ log, initialIsOpen, position, connected }: DevtoolsPanelProps): ReactNode {
  const { entries, paused, skipped } = useSyncExternalStore(log.subscribe, log.getSnapshot, log.getSnapshot)
  const [open, setOpen] = useState(initialIsOpen)
  const [eventFilter, setEventFilter] = useState('')
  const [conversationFilter, setConversationFilter] = useState('')
  const [expanded, setExpanded] = useState<number | null>(null)
  const [notice, setNotice] = useState('')
  const toggleRef = useRef<HTMLButtonElement>(null)
  const listRef = useRef<HTMLOListElement>(null)
  const id = useId()

  const names = useMemo(() => [...new Set(entries.map((entry) => entry.name))].sort(), [entries])
  const conversations = useMemo(
    () => [...new Set(entries.flatMap((entry) => (entry.conversationId ? [entry.conversationId] : [])))],
    [entries],
  )
  const visible = useMemo(
    () =>
      entries.filter(
        (entry) =>
          (eventFilter === '' || entry.name === eventFilter) &&
          (conversationFilter === '' || entry.conversationId === conversationFilter),
      ),
    [entries, eventFilter, conversationFilter],
  )

  const collapse = () => {
    setOpen(false)
    toggleRef.current?.focus()
  }

  const onPanelKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    event.stopPropagation()
    collapse()
  }

  // arrow keys move between rows; Tab still leaves the list
  const onListKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const rows = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('.cad-row') ?? [])]
    const active = (listRef.current?.getRootNode() as Document | ShadowRoot | undefined)?.activeElement
    const index = rows.indexOf(active as HTMLButtonElement)
    const next = rows[Math.min(rows.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))]
    if (!next) return
    event.preventDefault()
    next.focus()
  }

  const copy = () => {
    const json = toJson(visible)
    const done = (message: string) => setNotice(message)
    try {
      const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard
      if (!clipboard) {
        done('Clipboard unavailable')
        return
      }
      clipboard.writeText(json).then(
        () => done(`Copied ${visible.length} event${visible.length === 1 ? '' : 's'}`),
        () => done('Copy failed'),
      )
    } catch {
      done('Copy failed')
    }
  }

  return (
    <div className={`cad-root cad-${position}`}>
      <button
        ref={toggleRef}
        type="button"
        className="cad-toggle"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((value) => !value)}
      >
        Copilot events<span className="cad-count">{entries.length}</span>
      </button>
      {open && renderPanel()}
    </div>
  )

  function renderPanel(): ReactNode {
    return (
      <section
        id={`${id}-panel`}
        className="cad-panel"
        aria-label="Copilot Analytics devtools"
        onKeyDown={onPanelKeyDown}
      >
        <div className="cad-toolbar" role="toolbar" aria-label="Event log controls">
          <select aria-label="Filter by event" value={eventFilter} onChange={(e) => setEventFilter(e.target.value)}>
            <option value="">All events</option>
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <select
            aria-label="Filter by conversation"
            value={conversationFilter}
            onChange={(e) => setConversationFilter(e.target.value)}
          >
            <option value="">All conversations</option>
            {conversations.map((conversation) => (
              <option key={conversation} value={conversation}>
                {conversation}
              </option>
            ))}
          </select>
          <button type="button" aria-pressed={paused} onClick={() => log.setPaused(!paused)}>
            {paused ? 'Resume' : 'Pause'}
          </button>
          <button
            type="button"
            onClick={() => {
              log.clear()
              setExpanded(null)
            }}
          >
            Clear
          </button>
          <button type="button" onClick={copy}>
            Copy as JSON
          </button>
          <span className="cad-spacer" />
          <span className="cad-notice" role="status">
            {paused ? `Paused${skipped > 0 ? `: ${skipped} skipped` : ''}` : notice}
          </span>
          <button type="button" aria-label="Close devtools" onClick={collapse}>
            ×
          </button>
        </div>
        {!connected ? (
          <p className="cad-empty">
            No client: render the devtools inside &lt;CopilotAnalyticsProvider&gt; or pass `client`.
          </p>
        ) : visible.length === 0 ? (
          <p className="cad-empty">{entries.length === 0 ? 'No events yet.' : 'No events match the filters.'}</p>
        ) : (
          <ol ref={listRef} className="cad-list" aria-label="Events, newest first" onKeyDown={onListKeyDown}>
            {[...visible].reverse().map((entry) => (
              <EventRow
                key={entry.id}
                entry={entry}
                detailsId={`${id}-details-${entry.id}`}
                expanded={expanded === entry.id}
                onToggle={() => setExpanded((current) => (current === entry.id ? null : entry.id))}
              />
            ))}
          </ol>
        )}
      </section>
    )
  }
}

interface EventRowProps {
  entry: DevtoolsEntry
  detailsId: string
  expanded: boolean
  onToggle(): void
}

function EventRow({ entry, detailsId, expanded, onToggle }: EventRowProps): ReactNode {
  const problems = entry.problems.length
  const verdict = problems === 0 ? 'valid' : `${problems} problem${problems === 1 ? '' : 's'}`
  const details = entry.event.type === 'track' ? entry.event.properties : entry.event.traits
  return (
    <li>
      <button
        type="button"
        className="cad-row"
        // named by its visible cells (a label of other words fails WCAG 2.5.3), with hidden separators so they
        // are read as a sentence rather than run together ("12:00:01.250Message Sent…")
        aria-expanded={expanded}
        aria-controls={detailsId}
        onClick={onToggle}
      >
        <span className="cad-name">{entry.name}</span>
        <span className="cad-sr">, at </span>
        <span className="cad-dim">{formatTime(entry.time)}</span>
        <span className="cad-sr">, conversation </span>
        <span title={entry.conversationId}>{short(entry.conversationId)}</span>
        <span className="cad-sr">, message </span>
        <span title={entry.messageId}>{short(entry.messageId)}</span>
        <span className="cad-sr">, </span>
        <span className={problems === 0 ? 'cad-ok' : 'cad-warn'}>{verdict}</span>
        <span className="cad-sr">, </span>
        <span className={DELIVERY_TONE[entry.delivery]}>{DELIVERY_LABELS[entry.delivery]}</span>
      </button>
      {expanded && (
        <section id={detailsId} className="cad-details" aria-label={`${entry.name} details`}>
          <div>
            Conversation: {entry.conversationId ?? '—'} · Message: {entry.messageId ?? '—'}
          </div>
          <div>
            Delivery: {DELIVERY_LABELS[entry.delivery]}
            {entry.reason ? ` (${entry.reason})` : ''}
          </div>
          {problems > 0 && (
            <ul aria-label="Spec problems">
              {entry.problems.map((problem) => (
                <li key={`${problem.field}:${problem.message}`}>
                  {problem.field}: {problem.message}
                </li>
              ))}
            </ul>
          )}
          <pre>{JSON.stringify(details, null, 2)}</pre>
        </section>
      )}
    </li>
  )
}
