import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** Vite settings for Storybook only: an app build with React, not the library build of the root config. */
export default defineConfig({
  plugins: [react()],
})
