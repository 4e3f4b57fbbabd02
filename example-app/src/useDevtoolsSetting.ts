import { useCallback, useState } from 'react'

const KEY = 'stocks-copilot:devtools'

/** Development: `vite dev`, or the app served from this machine (what `npm start` does). */
function isDevelopment(): boolean {
  return import.meta.env.DEV || ['localhost', '127.0.0.1', '[::1]'].includes(window.location.hostname)
}

function initial(): boolean {
  try {
    const stored = localStorage.getItem(KEY)
    if (stored !== null) return stored === 'on'
  } catch {
    // storage blocked: the default
  }
  return isDevelopment()
}

/** Whether the kit's devtools panel is shown: on by default in development, the sidebar's switch remembers it. */
export function useDevtoolsSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(initial)
  // only a choice is remembered: the default follows where the app runs
  const choose = useCallback((value: boolean) => {
    setOn(value)
    try {
      localStorage.setItem(KEY, value ? 'on' : 'off')
    } catch {
      // not remembered: fine
    }
  }, [])
  return [on, choose]
}
