// A chat page that uses only the provider (no conversationId prop: the kit keeps the conversation in `newChatId`),
// under StrictMode, for reload tests driven by playwright-core. It shows the conversation the kit resumed.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { CopilotAnalyticsProvider, useConversation, useTrackMessage } from '../../../src'

function Chat() {
  const { conversationId, messageCount, end } = useConversation()
  const { trackSent, trackReceived } = useTrackMessage()
  return (
    <main>
      <p data-testid="conversation">{conversationId}</p>
      <p data-testid="count">{messageCount}</p>
      <button type="button" onClick={() => trackSent('question')}>
        Ask
      </button>
      <button type="button" onClick={() => trackReceived('answer')}>
        Answer
      </button>
      <button type="button" onClick={end}>
        End
      </button>
    </main>
  )
}

const params = new URLSearchParams(location.search)
const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <CopilotAnalyticsProvider writeKey="provider-only" apiHost={params.get('apiHost') ?? ''}>
        <Chat />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
}
