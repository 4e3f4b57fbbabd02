import { partKey } from './ChatMemory'
import { attempt, type DiffStep } from './DiffStep'
import { describeInput, hasOutput, isInputComplete, mediaPartsOf, toolCallsOf } from './messageParts'
import type { ChatMessageLike, ToolCallInfo } from './types'

/** Action Invoked's `action` for a call: the app's describer, else the input as compact JSON. */
function actionOf(step: DiffStep, call: ToolCallInfo): string {
  const describe = step.options.tools?.[call.toolName]?.action
  if (!describe) return describeInput(call.input)
  const action = attempt(step, `tools.${call.toolName}.action`, () => describe(call), undefined)
  return typeof action === 'string' ? action : describeInput(call.input)
}

/** Component Loaded's `type` for a call's result, or undefined when it renders no component. */
function componentOf(step: DiffStep, call: ToolCallInfo): string | undefined {
  const component = step.options.tools?.[call.toolName]?.component
  if (typeof component !== 'function') return component
  return attempt(step, `tools.${call.toolName}.component`, () => component(call), undefined)
}

/**
 * Lists Action Invoked, Component Loaded and Media Generated for what is new in an answer of this session: a tool
 * call whose input is complete, a result tied to a component, a generated file. Each once, by {@link partKey}.
 */
export function listPartEvents(step: DiffStep, message: ChatMessageLike): void {
  const { memory, options, events } = step
  for (const call of toolCallsOf(message)) {
    const config = options.tools?.[call.toolName]
    if (isInputComplete(call) && !memory.reported.has(partKey.action(call))) {
      memory.reported.add(partKey.action(call))
      if (config?.track !== false) {
        const input = {
          type: config?.type ?? call.toolName,
          action: actionOf(step, call),
          messageId: message.id,
          role: 'agent',
          tool_call_id: call.toolCallId,
        }
        events.push({ name: 'Action Invoked', input })
      }
    }
    if (hasOutput(call) && !memory.reported.has(partKey.component(call))) {
      const type = componentOf(step, call)
      // a call without a component now is asked again on the next snapshot (a function may name one later)
      if (type) {
        memory.reported.add(partKey.component(call))
        events.push({ name: 'Component Loaded', input: { type, messageId: message.id, tool_call_id: call.toolCallId } })
      }
    }
  }
  if (options.media === false) return
  for (const media of mediaPartsOf(message)) {
    const key = partKey.media(message.id, media.index)
    if (memory.reported.has(key)) continue
    memory.reported.add(key)
    const input = { type: media.type, subType: media.subType, messageId: message.id, role: 'agent' }
    events.push({ name: 'Media Generated', input })
  }
}
