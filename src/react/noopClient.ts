import type { CopilotAnalytics, CopilotState } from '../core'

const state: CopilotState = {
  identity: { anonymousId: '', userId: null, traits: {} },
  conversation: { id: '', messageCount: 0, started: false, ended: false },
}
const nothing = () => {}

/** What hooks use outside a provider: every call does nothing, nothing throws. */
export const noopClient: CopilotAnalytics = {
  getState: () => state,
  subscribe: () => nothing,
  listen: () => nothing,
  start: nothing,
  identify: nothing,
  reset: nothing,
  startConversation: () => '',
  endConversation: nothing,
  messageSent: () => '',
  messageReceived: () => '',
  actionInvoked: nothing,
  mediaGenerated: nothing,
  componentLoaded: () => false,
  feedbackSubmitted: () => undefined,
  track: nothing,
  setConsent: nothing,
  flush: () => Promise.resolve(),
}
