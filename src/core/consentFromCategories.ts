import type { ConsentState } from './types'

/** Consent per category, as consent managers report it (`@segment/analytics-consent-tools`, OneTrust groups...). */
export type ConsentCategories = Readonly<Record<string, boolean | undefined>>

/**
 * Maps a consent manager's categories to the kit's consent state: `granted` when every required category is
 * granted, `denied` when any is refused, `pending` while the visitor has not decided (no categories yet, or a
 * required one missing).
 * @param categories e.g. `{ Analytics: true, Advertising: false }`; undefined or null while the banner is open
 * @param required the categories analytics needs
 * @default required ['Analytics']
 * @example
 * banner.onChange((categories) => client.setConsent(consentFromCategories(categories)))
 */
export function consentFromCategories(
  categories: ConsentCategories | null | undefined,
  required: readonly string[] = ['Analytics'],
): ConsentState {
  if (typeof categories !== 'object' || categories === null) return 'pending'
  try {
    const answers = [...required].map((category) => categories[category])
    if (answers.some((answer) => answer === false)) return 'denied'
    return answers.every((answer) => answer === true) ? 'granted' : 'pending'
  } catch {
    return 'pending' // categories or a list that cannot be read: not a decision
  }
}
