import { configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// waitFor gives up after 5 s, not Testing Library's 1 s: a streamed answer on a loaded 2-core CI machine can take
// longer than a second to settle, and a wait that times out says nothing about the kit
configure({ asyncUtilTimeout: 5_000 })

afterEach(() => {
  window.localStorage.clear()
})
