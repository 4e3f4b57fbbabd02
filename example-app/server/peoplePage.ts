import type { ProfileSummary } from '../../src/collector'
import { escapeHtml, pageFrame } from './html'

/** A profile with the conversations its events belong to (newest first). */
export interface Person extends ProfileSummary {
  readonly conversations: readonly string[]
}

const shown = (value: unknown) =>
  value === null || value === undefined ? '—' : Array.isArray(value) ? value.join(', ') || '—' : String(value)

const COLUMNS: readonly [trait: string, label: string][] = [
  ['conversations_started', 'Conversations'],
  ['messages_sent', 'Messages'],
  ['most_viewed_stock', 'Most viewed stock'],
  ['stocks_purchased', 'Purchases'],
  ['purchase_volume', 'Volume ($)'],
  ['average_feedback_rating', 'Avg rating'],
  ['most_used_component_type', 'Most used component'],
]

/**
 * `/insights/people`: one row per profile (a signed-in user with every visitor ID joined to them, or an anonymous
 * visitor) with its computed traits, the same the copilot reads through the Profile API, linked to its conversations.
 */
export function renderPeoplePage(people: readonly Person[]): string {
  const rows = people
    .map((person) => {
      const who = person.userIds[0] ?? `visitor ${person.anonymousIds[0]?.slice(0, 8) ?? ''}…`
      const joined = person.anonymousIds.length
      const conversations = person.conversations
        .map((id) => `<a href="/insights/conversations/${encodeURIComponent(id)}">${escapeHtml(id.slice(0, 8))}</a>`)
        .join(' ')
      const cells = COLUMNS.map(([trait]) => {
        const value = person.traits[trait]
        const text = typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(2) : shown(value)
        return `<td${typeof value === 'number' ? ' class="num"' : ''}>${escapeHtml(text)}</td>`
      }).join('')
      return `<tr><th scope="row">${escapeHtml(who)}<br><span class="muted-small">${escapeHtml(person.externalId)}${joined > 1 ? ` · ${joined} devices` : ''}</span></th>${cells}<td>${conversations || '—'}</td></tr>`
    })
    .join('')
  const table =
    people.length === 0
      ? '<p class="empty">No one yet. Open the <a href="/">chat</a>, ask for a price chart and sign in: your profile appears here.</p>'
      : `<div class="table-scroll" tabindex="0" role="region" aria-label="People table"><table><thead><tr><th scope="col">Who</th>${COLUMNS.map(([, label]) => `<th scope="col">${escapeHtml(label)}</th>`).join('')}<th scope="col">Conversations</th></tr></thead><tbody>${rows}</tbody></table></div>`
  return pageFrame(
    'People · Insights · Stocks copilot',
    `<h1>People</h1>
<p class="lead">One row per profile: a signed-in user together with every anonymous visitor ID their sign-in joined, or a visitor who never signed in. The traits are computed by the collector from the events, the same ones the copilot reads through the Profile API before it answers. <a href="/insights">Back to the insights</a>.</p>
<section class="card" aria-label="Profiles">${table}</section>
<style>.muted-small { color: var(--muted); font-weight: 400; font-size: 12px; }</style>`,
    'people',
  )
}
