import { useEffect, useLayoutEffect } from 'react'

/** useLayoutEffect in the browser (runs before children's effects see the state), useEffect on the server. */
export const useIsomorphicLayoutEffect = typeof window !== 'undefined' ? useLayoutEffect : useEffect
