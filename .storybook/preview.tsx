import type { Preview } from '@storybook/react-vite'
// the example app's stylesheet: stories show the same product as the app
import '../example-app/src/styles.css'
import './preview.css'

// the analytics decorator, loader and controls come from the addon (`copilot-analytics/storybook` in main.ts)
const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  tags: ['autodocs'],
}

export default preview
