import type { ReactNode } from 'react'

/** A thumb drawn inline, as in the example app: no emoji font needed, so it renders the same everywhere. */
export function Thumb({ down = false }: { down?: boolean }): ReactNode {
  return (
    <svg
      viewBox="0 0 24 24"
      width="16"
      height="16"
      aria-hidden="true"
      style={down ? { transform: 'scale(1, -1)' } : undefined}
    >
      <path
        d="M7 10v11H3V10h4Zm2 11h8.2a2 2 0 0 0 2-1.6l1.4-7A2 2 0 0 0 18.6 10H14l.8-4.2a1.6 1.6 0 0 0-2.9-1.2L9 9.5V21Z"
        fill="currentColor"
      />
    </svg>
  )
}

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
