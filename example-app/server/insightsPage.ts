import { barChart, columnChart } from './charts'
import { escapeHtml, pageFrame } from './html'
import type { Insights, StoredEvent } from './insights'

const GOOD = '#16a34a'
const BAD = '#dc2626'

function stat(metric: string, label: string, value: string): string {
  return `<div class="stat" data-metric="${metric}"><span class="label">${escapeHtml(label)}</span><span class="value">${escapeHtml(value)}</span></div>`
}

function card(title: string, content: string, note = ''): string {
  return `<section class="card" aria-label="${escapeHtml(title)}"><h2>${escapeHtml(title)}</h2>${content}${note ? `<p class="note">${note}</p>` : ''}</section>`
}

const empty = (html: string) => `<p class="empty">${html}</p>`

function formatDuration(seconds: number | null): string {
  if (seconds === null) return '–'
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`
}

const STATUS_HELP = {
  ended: 'Conversation Ended was received',
  idle: 'Not ended, and no event for 30 minutes',
  open: 'Not ended, active in the last 30 minutes',
} as const

/** The chat's thumb icons, so the hint shows what the user looks for. */
const thumb = (down: boolean) =>
  `<svg class="thumb" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"${down ? ' style="transform:scale(1,-1)"' : ''}><path d="M7 10v11H3V10h4Zm2 11h8.2a2 2 0 0 0 2-1.6l1.4-7A2 2 0 0 0 18.6 10H14l.8-4.2a1.6 1.6 0 0 0-2.9-1.2L9 9.5V21Z" fill="currentColor"/></svg>`
const THUMB_UP = thumb(false)
const THUMB_DOWN = thumb(true)

const percent = (part: number, whole: number) => (whole === 0 ? '0%' : `${Math.round((part / whole) * 100)}%`)

/** The insights page: the numbers a product team wants from the copilot's events, as charts with their values. */
export function renderInsightsPage(insights: Insights): string {
  const { totals, funnel } = insights
  const welcome =
    totals.events === 0
      ? `<div class="welcome" role="status"><strong>No events yet.</strong> Everything on this page comes from the events the chat sends to the embedded collector. To generate some:
<ol><li>Open the <a href="/">chat</a> and ask <code>What's the price of NVDA?</code> (a chart appears: Component Loaded).</li>
<li>Ask <code>Buy 10 NVDA</code> and press <em>Purchase</em> (Stock Purchased).</li>
<li>Rate an answer with the thumbs under it (${THUMB_UP} or ${THUMB_DOWN}), ask <code>Draw a card of today's movers</code>, then press <em>New chat</em>.</li>
<li>Come back here and reload.</li></ol></div>`
      : ''

  const stats = `<div class="stats">
${stat('conversations', 'Conversations', String(totals.conversations))}
${stat('messages', 'Messages', String(totals.messages))}
${stat('average-duration', 'Average conversation duration', formatDuration(insights.averageDurationSeconds))}
${stat('purchases', 'Stock purchases', String(totals.purchases))}
${stat('revenue', 'Purchase volume', `$${totals.revenue.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`)}
${stat('users', 'Visitors', String(totals.users))}
</div>`

  const perDay = card(
    'Conversations per day',
    insights.conversationsPerDay.length === 0
      ? empty(
          'No conversation has started yet: a conversation starts with its first message in the <a href="/">chat</a>.',
        )
      : columnChart(
          'Conversations per day',
          insights.conversationsPerDay.map((d) => ({ label: d.day.slice(5), value: d.conversations })),
        ),
  )

  const distribution = card(
    'Messages per conversation',
    insights.messagesPerConversation.length === 0
      ? empty('No messages yet. Each question and each answer counts as one message.')
      : columnChart(
          'Messages per conversation',
          insights.messagesPerConversation.map((d) => ({ label: String(d.messages), value: d.conversations })),
          { xLabel: 'messages in the conversation → number of conversations' },
        ),
    'Message Sent and Message Received per conversation.',
  )

  const components = card(
    'Component popularity',
    insights.componentPopularity.length === 0
      ? empty(
          'No generated component shown yet. Ask <code>price of AAPL</code> (chart), <code>trending stocks</code> (list) or <code>buy 5 TSLA</code> (purchase form).',
        )
      : barChart(
          'Component popularity',
          insights.componentPopularity.map((c) => ({
            label: c.component,
            value: c.loads,
            text: `${c.loads} (${c.conversations} conv.)`,
          })),
        ),
    'Component Loaded events by component type.',
  )

  const noFeedback = empty(
    `No feedback yet. Rate an answer in the <a href="/">chat</a> with the thumbs under it: ${THUMB_UP} thumbs up or ${THUMB_DOWN} thumbs down.`,
  )
  const feedback = card(
    'Feedback distribution',
    insights.feedbackDistribution.length === 0
      ? noFeedback
      : columnChart(
          'Feedback distribution',
          insights.feedbackDistribution.map((f) => ({
            label: f.rating > 0 ? `+${f.rating}` : String(f.rating),
            value: f.count,
            colour: f.rating > 0 ? GOOD : f.rating < 0 ? BAD : '#94a3b8',
          })),
          { xLabel: 'rating → number of ratings' },
        ),
    'Thumbs up is +1, thumbs down −1.',
  )
  const averages = insights.feedbackByMessageType.map((f) => f.average)
  const feedbackByType = card(
    'Average rating by message type',
    insights.feedbackByMessageType.length === 0
      ? noFeedback
      : barChart(
          'Average rating by message type',
          insights.feedbackByMessageType.map((f) => ({
            label: f.messageType,
            value: f.average,
            text: `${f.average > 0 ? '+' : ''}${f.average} (${f.count})`,
            colour: f.average >= 0 ? GOOD : BAD,
          })),
          { min: Math.min(-1, ...averages), max: Math.max(1, ...averages) },
        ),
    'What was rated: the component or media shown with the answer, else its text. In brackets: how many ratings.',
  )

  const funnelCard = card(
    'Purchase funnel',
    funnel.conversations === 0
      ? empty('The funnel starts with a conversation: ask something in the <a href="/">chat</a>.')
      : `${barChart('Purchase funnel', [
          { label: 'Conversations', value: funnel.conversations, text: `${funnel.conversations}` },
          {
            label: 'Saw a component',
            value: funnel.withComponent,
            text: `${funnel.withComponent} (${percent(funnel.withComponent, funnel.conversations)})`,
          },
          {
            label: 'Bought a stock',
            value: funnel.withPurchase,
            text: `${funnel.withPurchase} (${percent(funnel.withPurchase, funnel.conversations)})`,
            colour: GOOD,
          },
        ])}
<div class="stats">
${stat('funnel-conversations', 'Conversations', String(funnel.conversations))}
${stat('funnel-component', 'With a component shown', String(funnel.withComponent))}
${stat('funnel-purchase', 'With Stock Purchased', String(funnel.withPurchase))}
${stat('median-messages-to-purchase', 'Median messages until a purchase', funnel.medianMessagesToPurchase === null ? '–' : String(funnel.medianMessagesToPurchase))}
</div>`,
    'Conversation Started → Component Loaded → Stock Purchased, per conversation.',
  )

  const rows = insights.conversations
    .map(
      (c) => `<tr>
<td><a href="/insights/conversations/${encodeURIComponent(c.conversationId)}">${escapeHtml(c.conversationId.slice(0, 13))}</a></td>
<td>${escapeHtml(c.startedAt.replace('T', ' ').slice(0, 19))}</td>
<td>${escapeHtml(c.user.length > 16 ? `${c.user.slice(0, 16)}…` : c.user)}</td>
<td class="num">${c.messages}</td><td class="num">${c.components}</td><td class="num">${c.purchases}</td>
<td class="num">${c.averageRating === null ? '–' : c.averageRating}</td>
<td class="num">${formatDuration(c.durationSeconds)}</td>
<td><span class="tag ${c.status}" title="${STATUS_HELP[c.status]}">${c.status}</span></td></tr>`,
    )
    .join('')
  const list = card(
    'Conversations',
    insights.conversations.length === 0
      ? empty('No conversations yet.')
      : `<div class="table-scroll" role="region" aria-label="Conversations table" tabindex="0"><table><thead><tr><th>Conversation</th><th>Started (UTC)</th><th>User</th><th class="num">Messages</th><th class="num">Components</th><th class="num">Purchases</th><th class="num">Avg rating</th><th class="num">Duration</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table></div>`,
    'Open a conversation to see each of its events. Status: <strong>ended</strong> with Conversation Ended; <strong>idle</strong> after 30 minutes without events (a closed tab never ends its conversation); else <strong>open</strong>.',
  )

  return pageFrame(
    'Insights · Stocks copilot',
    `<h1>Copilot insights</h1>
<p class="lead">Computed with SQL from the ${totals.events} event${totals.events === 1 ? '' : 's'} in the collector's DuckDB (<a href="/api/insights">JSON</a>). Reload to update.</p>
${welcome}${stats}
<div class="grid">${perDay}${distribution}</div>
<div class="grid">${funnelCard}${components}</div>
<div class="grid">${feedback}${feedbackByType}</div>
${list}`,
    'insights',
  )
}

/** The drill-down: every event of one conversation, with its properties. */
export function renderConversationPage(conversationId: string, events: StoredEvent[]): string {
  const rows = events
    .map((e) => {
      const { conversationId: _omit, ...properties } = e.properties
      return `<tr><td>${escapeHtml(e.timestamp.replace('T', ' ').slice(11, 23))}</td>
<td><strong>${escapeHtml(e.event ?? e.type)}</strong>${e.valid === false ? ' <span class="tag bad">invalid</span>' : ''}</td>
<td>${escapeHtml(e.messageId ?? '')}</td>
<td><pre>${escapeHtml(JSON.stringify(properties, null, 1))}</pre></td></tr>`
    })
    .join('')
  return pageFrame(
    `Conversation ${conversationId} · Insights`,
    `<p><a href="/insights">← All insights</a></p>
<h1>Conversation <code>${escapeHtml(conversationId)}</code></h1>
<p class="lead">${events.length} event${events.length === 1 ? '' : 's'}, oldest first.</p>
${
  events.length === 0
    ? empty('No events stored for this conversation.')
    : `<section class="card" aria-label="Events"><div class="table-scroll" role="region" aria-label="Events table" tabindex="0"><table><thead><tr><th>Time (UTC)</th><th>Event</th><th>Chat message</th><th>Properties</th></tr></thead><tbody>${rows}</tbody></table></div></section>`
}`,
  )
}
