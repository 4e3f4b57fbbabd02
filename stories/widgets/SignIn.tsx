import { useIdentity } from 'copilot-analytics'
import { type FormEvent, type ReactNode, useState } from 'react'

/**
 * Sign in and out of the copilot: identify with the user's ID (the anonymousId stays attached, so the visit
 * before signing in joins the user), and on sign-out a reset: a new anonymous visitor and a new conversation.
 */
export function SignIn(): ReactNode {
  const { userId, identify, reset } = useIdentity()
  const [email, setEmail] = useState('')
  const signIn = (event: FormEvent) => {
    event.preventDefault()
    const address = email.trim().toLowerCase()
    if (!address) return
    identify(address, { email: address })
    setEmail('')
  }
  if (userId) {
    return (
      <div className="ca-row">
        <span>
          Signed in as <strong>{userId}</strong>
        </span>
        <button type="button" onClick={reset}>
          Sign out
        </button>
      </div>
    )
  }
  return (
    <form className="ca-row" aria-label="Sign in" onSubmit={signIn}>
      <input
        type="email"
        aria-label="Email"
        placeholder="you@example.com"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <button type="submit" disabled={email.trim() === ''}>
        Sign in
      </button>
    </form>
  )
}
