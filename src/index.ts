'use client'
export * from './core'
/**
 * copilot-analytics: Segment's AI Copilot spec events from React.
 * The React entry; the framework-agnostic client is also at `copilot-analytics/core`.
 */
export * from './react'
