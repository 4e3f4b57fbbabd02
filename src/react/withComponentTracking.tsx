import { type ComponentType, forwardRef, type ReactNode, type Ref } from 'react'
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

const REACT_STATICS = new Set([
  '$$typeof',
  'render',
  'displayName',
  'propTypes',
  'defaultProps',
  'contextType',
  'name',
  'length',
  'prototype',
  'compare',
  'type',
])

/**
 * Wraps a component so it sends Component Loaded on first mount (see `useComponentTracking`).
 * Forwards refs, keeps the component's statics and names itself `withComponentTracking(Name)`.
 */
export function withComponentTracking<P extends object>(
  Component: ComponentType<P>,
  config: ComponentTrackingConfig<P>,
): ComponentType<P> {
  const Tracked = forwardRef<unknown, P>(function Tracked(innerProps, ref): ReactNode {
    const props = innerProps as P
    const type = typeof config.type === 'function' ? config.type(props) : config.type
    useComponentTracking(type, { messageId: config.messageId?.(props), properties: config.properties?.(props) })
    const Inner = Component as ComponentType<P & { ref?: Ref<unknown> }>
    return <Inner {...props} ref={ref} />
  })
  const name = Component.displayName || Component.name || 'Component'
  Tracked.displayName = `withComponentTracking(${name})`
  for (const key of Object.getOwnPropertyNames(Component)) {
    if (REACT_STATICS.has(key) || key in Tracked) continue
    const descriptor = Object.getOwnPropertyDescriptor(Component, key)
    if (descriptor) Object.defineProperty(Tracked, key, descriptor)
  }
  return Tracked as unknown as ComponentType<P>
}
