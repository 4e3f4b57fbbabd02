import {
  type ComponentType,
  createElement,
  type ForwardRefRenderFunction,
  forwardRef,
  type PropsWithoutRef,
  type ReactNode,
  type Ref,
} from 'react'
import type { ExtraProperties } from '../core'
import { useComponentTracking } from './useComponentTracking'

/** How {@link withComponentTracking} names the component and finds its message. */
export interface ComponentTrackingConfig<P> {
  /** The component type sent as `type`, e.g. "Stock Price Chart", or a function of the props. */
  type: string | ((props: P) => string)
  /** The message the component belongs to, from its props. */
  messageId?: (props: P) => string | undefined
  /** Extra properties, from its props. */
  properties?: (props: P) => ExtraProperties
}

/**
 * Own properties of a component that are not statics to copy: React's (defaultProps and propTypes would apply
 * twice; a memo's type and compare belong to the memo) and every function's. Keys the forwardRef object already
 * has ($$typeof, render, displayName) are kept by the `in` test instead, so they are not listed.
 */
const NOT_STATICS = /^(propTypes|defaultProps|contextType|compare|type|name|length|prototype)$/

/**
 * Wraps a component so it sends Component Loaded on first mount (see `useComponentTracking`).
 * Forwards refs, keeps the component's statics and names itself `withComponentTracking(Name)`.
 */
export function withComponentTracking<P extends object>(
  Component: ComponentType<P>,
  config: ComponentTrackingConfig<P>,
): ComponentType<P> {
  // typed with the full props P (forwardRef's are P without ref), so the config's functions take them as they are
  const render = function Tracked(props: P, ref: Ref<unknown>): ReactNode {
    // the config's functions are the app's: one that throws leaves the type out (the client reports it, Component
    // Loaded is not sent) and never the render
    let type: unknown
    let messageId: string | undefined
    let properties: unknown
    try {
      type = typeof config.type === 'function' ? config.type(props) : config.type
      messageId = config.messageId?.(props)
      properties = config.properties?.(props)
    } catch {}
    useComponentTracking(type as string, { messageId, properties: properties as ExtraProperties })
    // createElement, not JSX: the react import the module has anyway (see CopilotAnalyticsProvider)
    return createElement(Component, { ...props, ref } as P)
  } as ForwardRefRenderFunction<unknown, PropsWithoutRef<P>>
  const Tracked = forwardRef(render)
  try {
    Tracked.displayName = `withComponentTracking(${Component.displayName || Component.name || 'Component'})`
    const statics = Object.getOwnPropertyDescriptors(Component)
    for (const key in statics) {
      if (!(key in Tracked || NOT_STATICS.test(key)))
        Object.defineProperty(Tracked, key, statics[key] as PropertyDescriptor)
    }
  } catch {
    // not a component (or one whose statics cannot be read): wrapped all the same, React says what is wrong
  }
  return Tracked as unknown as ComponentType<P>
}
