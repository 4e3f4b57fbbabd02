/** @jsxRuntime classic */
/** @jsx React.createElement */
// the manager's React is a global without `react/jsx-runtime`: this file compiles to React.createElement
// biome-ignore lint/correctness/noUnusedImports: used by the compiled JSX
import React from 'react'
import { addons, types } from 'storybook/manager-api'
import { ADDON_ID, PANEL_ID } from './constants'
import { EventsPanel } from './EventsPanel'

// the Analytics events panel: every event the current story fired, live, with the spec validator's verdict
addons.register(ADDON_ID, () => {
  addons.add(PANEL_ID, {
    type: types.PANEL,
    title: 'Analytics events',
    render: ({ active }) => <EventsPanel active={Boolean(active)} />,
  })
})
