import type { CopilotAnalytics } from '../core'
import type { ChatEvent } from './ChatEvent'

/** Sends each listed event through the client method named after it, in order. */
export function sendChatEvents(client: CopilotAnalytics, events: readonly ChatEvent[]): void {
  for (const event of events) {
    switch (event.name) {
      case 'Message Sent':
        client.messageSent(event.input)
        break
      case 'Message Received':
        client.messageReceived(event.input)
        break
      case 'Action Invoked':
        client.actionInvoked(event.input)
        break
      case 'Component Loaded':
        client.componentLoaded(event.input)
        break
      case 'Media Generated':
        client.mediaGenerated(event.input)
        break
      default:
        client.track(event.name, event.input)
    }
  }
}
