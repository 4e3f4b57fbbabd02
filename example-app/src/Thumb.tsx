/** A thumb icon drawn inline (no emoji font needed); `down` flips it. */
export function Thumb({ down = false }: { down?: boolean }) {
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
