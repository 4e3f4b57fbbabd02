/** @jsxRuntime classic */
/** @jsx React.createElement */
// Storybook's manager provides its own React (a global), not `react/jsx-runtime`: this file compiles to createElement
import React, { type ReactNode, useMemo, useState } from 'react'
import { Badge, Button, Form } from 'storybook/internal/components'
import { styled } from 'storybook/theming'
import { type AssertionResult, type StoryEvent, statusText } from './StoryEvent'

/** Props of {@link EventsList}. */
export interface EventsListProps {
  events: readonly StoryEvent[]
  /** The last `expectEvents` result of the story's play function, if any. */
  assertion?: AssertionResult | undefined
  /** The story opted out of the addon. */
  disabled?: boolean
  /** Forget the story's events. */
  onClear: () => void
  /** Copies text; the clipboard by default. */
  onCopy?: (text: string) => Promise<void> | void
}

const Toolbar = styled.div(({ theme }) => ({
  display: 'flex',
  alignItems: 'center',
  gap: 8,
  padding: '6px 10px',
  borderBottom: `1px solid ${theme.appBorderColor}`,
  flexWrap: 'wrap',
  fontSize: theme.typography.size.s2,
}))
const Count = styled.span({ marginRight: 'auto' })
// Storybook's input fills its container: the container keeps it to a toolbar item
const Filter = styled.div({ flex: '0 1 220px' })
const List = styled.ol({ listStyle: 'none', margin: 0, padding: 0 })
const Item = styled.li(({ theme }) => ({
  padding: '8px 12px',
  borderBottom: `1px solid ${theme.appBorderColor}`,
  fontSize: theme.typography.size.s2,
}))
const Head = styled.div({ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' })
const Name = styled.span(({ theme }) => ({ fontWeight: theme.typography.weight.bold }))
const Muted = styled.span(({ theme }) => ({ color: theme.textMutedColor, fontSize: theme.typography.size.s1 }))
const Verdict = styled.span<{ ok: boolean }>(({ theme, ok }) => ({
  color: ok ? theme.color.positiveText : theme.color.negativeText,
  fontSize: theme.typography.size.s1,
}))
const Code = styled.pre(({ theme }) => ({
  margin: '4px 0 0',
  fontFamily: theme.typography.fonts.mono,
  fontSize: theme.typography.size.s1,
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
}))
const Note = styled.p(({ theme }) => ({ margin: 0, padding: 12, color: theme.textMutedColor }))
const Assertion = styled.pre<{ ok: boolean }>(({ theme, ok }) => ({
  margin: 0,
  padding: '6px 12px',
  fontFamily: theme.typography.fonts.mono,
  fontSize: theme.typography.size.s1,
  whiteSpace: 'pre-wrap',
  color: ok ? theme.color.positiveText : theme.color.negativeText,
  background: ok ? theme.background.positive : theme.background.negative,
  borderBottom: `1px solid ${theme.appBorderColor}`,
}))

const badgeStatus = (event: StoryEvent) =>
  event.status === 'sent' ? 'positive' : event.status === 'held' ? 'warning' : 'neutral'

const copyToClipboard = async (text: string) => {
  await globalThis.navigator?.clipboard?.writeText(text)
}

/** What "Copy as JSON" copies: the listed events as the destination received them, with their fate. */
const asJson = (events: readonly StoryEvent[]) =>
  JSON.stringify(
    events.map(({ name, type, properties, userId, anonymousId, status, reason, problems, timestamp }) => ({
      name,
      type,
      properties,
      userId,
      anonymousId,
      status,
      ...(reason ? { reason } : {}),
      problems,
      timestamp,
    })),
    null,
    2,
  )

/**
 * The Analytics events panel's content: each event the story fired, oldest first, with its properties, its fate
 * (sent, dropped by consent, sampled out...) and the spec validator's verdict; a filter by name, Clear, Copy as
 * JSON, and the result of the play function's `expectEvents`.
 */
export function EventsList({
  events,
  assertion,
  disabled = false,
  onClear,
  onCopy = copyToClipboard,
}: EventsListProps): ReactNode {
  const [filter, setFilter] = useState('')
  const [copied, setCopied] = useState(false)
  const needle = filter.trim().toLowerCase()
  const shown = useMemo(
    () => (needle ? events.filter((event) => event.name.toLowerCase().includes(needle)) : events),
    [events, needle],
  )
  const invalid = events.filter((event) => event.problems.length > 0).length
  const copy = async () => {
    try {
      await onCopy(asJson(shown))
      setCopied(true)
      setTimeout(() => setCopied(false), 1500)
    } catch {
      // the clipboard can be refused (no permission, no focus): nothing to undo
    }
  }
  if (disabled) return <Note>Analytics are disabled for this story (parameters.copilotAnalytics.disable).</Note>
  return (
    <section aria-label="Analytics events">
      <Toolbar>
        <Count>
          {events.length} {events.length === 1 ? 'event' : 'events'}
          {invalid > 0 ? `, ${invalid} not matching the spec` : ''}
          {needle ? ` (${shown.length} shown)` : ''}
        </Count>
        <Filter>
          <Form.Input
            aria-label="Filter by event name"
            placeholder="Filter by event name"
            value={filter}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setFilter(event.target.value)}
          />
        </Filter>
        <Button ariaLabel={false} onClick={copy} disabled={shown.length === 0}>
          {copied ? 'Copied' : 'Copy as JSON'}
        </Button>
        <Button ariaLabel={false} onClick={onClear} disabled={events.length === 0}>
          Clear
        </Button>
      </Toolbar>
      {assertion ? (
        <Assertion ok={assertion.pass} aria-label="Play assertion">
          {assertion.pass ? '✓ ' : '✗ '}
          {assertion.message}
        </Assertion>
      ) : null}
      {events.length === 0 ? (
        <Note>No events yet: interact with the story.</Note>
      ) : shown.length === 0 ? (
        <Note>No event named like "{filter}".</Note>
      ) : (
        <List>
          {shown.map((event) => (
            <Item key={`${event.index}-${event.timestamp}`} aria-label={event.name}>
              <Head>
                <Muted>#{event.index}</Muted>
                <Name>{event.name}</Name>
                <Badge status={badgeStatus(event)}>{statusText(event)}</Badge>
                {event.problems.length === 0 ? (
                  <Verdict ok>✓ matches the spec</Verdict>
                ) : (
                  <Verdict ok={false}>
                    ✗ {event.problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}
                  </Verdict>
                )}
              </Head>
              <Code>
                {JSON.stringify(
                  event.type === 'identify'
                    ? { userId: event.userId, anonymousId: event.anonymousId, traits: event.properties }
                    : event.properties,
                  null,
                  2,
                )}
              </Code>
            </Item>
          ))}
        </List>
      )}
    </section>
  )
}
