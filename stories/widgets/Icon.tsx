import type { ReactNode } from 'react'

// the example app's own thumb: stories and app show the same product
export { Thumb } from '../../example-app/src/Thumb'

/** A five-pointed star drawn inline (filled with the current colour). */
export function Star(): ReactNode {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
      <path
        d="m12 2.5 2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5L2.5 9.4l6.6-.9L12 2.5Z"
        fill="currentColor"
      />
    </svg>
  )
}
