/** A kind of personal data that `redact` recognises, and its placeholder. */
export interface RedactionRule {
  readonly placeholder: string
  readonly pattern: RegExp
  /** Extra check on a match (e.g. Luhn for card numbers); the match is kept when it returns false. */
  readonly accept?: (match: string) => boolean
}

/** The built-in rules: e-mail addresses. (Issue 7 extends this list.) */
export const REDACTION_RULES: readonly RedactionRule[] = [
  { placeholder: '[email]', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
]

/** Replaces personal data in `text` with typed placeholders, keeping the rest. */
export function redact(text: string, rules: readonly RedactionRule[] = REDACTION_RULES): string {
  let result = text
  for (const rule of rules) {
    result = result.replace(rule.pattern, (match) => (rule.accept && !rule.accept(match) ? match : rule.placeholder))
  }
  return result
}
