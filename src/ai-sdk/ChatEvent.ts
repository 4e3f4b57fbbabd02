import type { ActionInput, ComponentInput, MediaInput, MessageInput } from '../core/types'

/** The event that counts failed answers: an extension of the spec (see docs/ai-sdk.md). */
export const MESSAGE_FAILED = 'Message Failed'

/**
 * One event the chat's change calls for, named as the spec names it, with the input of the client method that
 * sends it. `diffChat` lists them; `sendChatEvents` sends them.
 */
export type ChatEvent =
  | { readonly name: 'Message Sent'; readonly input: MessageInput }
  | { readonly name: 'Message Received'; readonly input: MessageInput }
  | { readonly name: 'Action Invoked'; readonly input: ActionInput }
  | { readonly name: 'Component Loaded'; readonly input: ComponentInput }
  | { readonly name: 'Media Generated'; readonly input: MediaInput }
  | { readonly name: typeof MESSAGE_FAILED; readonly input: Record<string, unknown> }
