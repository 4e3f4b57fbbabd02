/**
 * A kind of personal data or secret that `redact` recognises, and its placeholder.
 * A named group `keep` in the pattern is context that stays in the text (e.g. `Bearer ` before a token);
 * the rest of the match is replaced. No lookbehind anywhere: older Safari refuses to parse it, which would
 * break the host app at import time.
 */
export interface RedactionRule {
  /** What the rule finds, e.g. `'email'`; used in docs and to pick rules by name. */
  readonly name?: string
  /** Replaces the match, e.g. `'[email]'`. */
  readonly placeholder: string
  /** A global regular expression. */
  readonly pattern: RegExp
  /**
   * Extra check on the match (without `keep`), e.g. Luhn for card numbers; the text is kept when it returns false.
   * It also gets the whole text and the match's position in it, to look at the words around it.
   */
  readonly accept?: (match: string, text: string, index: number) => boolean
}

const digitsOf = (text: string): string => text.replace(/\D/g, '')

/** Luhn checksum: true for card numbers, false for almost every other digit string (9 in 10). */
export function luhnValid(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return false
    if (double) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
    double = !double
  }
  return digits.length > 0 && sum % 10 === 0
}

/** IBAN check digits (ISO 13616, mod 97 == 1), computed piecewise so no BigInt is needed. */
export function ibanValid(candidate: string): boolean {
  const iban = candidate.replace(/[\s-]/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false
  const rearranged = iban.slice(4) + iban.slice(0, 4)
  let remainder = 0
  for (const char of rearranged) {
    const code = char.charCodeAt(0)
    // letters count as two digits: A = 10 ... Z = 35
    const value = code >= 65 ? String(code - 55) : char
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97
  }
  return remainder === 1
}

const CARD_GROUPINGS = new Set(['4-4-4-4', '4-4-4-4-3', '4-6-5', '4-6-4', '4-4-4-1', '4-4-4-3'])

/** A card number: 13–19 digits, Luhn-valid, starting with a card network's digit (2–6). */
const isCardNumber = (match: string): boolean => {
  const digits = digitsOf(match)
  if (digits.length < 13 || digits.length > 19) return false
  // written with separators, a card is grouped as printed: 4-4-4-4, 4-4-4-4-3, or 4-6-5 / 4-6-4 (Amex, Diners)
  const groups = match.split(/[ -]/).map((group) => group.length)
  if (match.includes(' ') && match.includes('-')) return false
  if (groups.length > 1 && !CARD_GROUPINGS.has(groups.join('-'))) return false
  return /^[2-6]/.test(digits) && luhnValid(digits)
}

/** An IPv6 address: 8 groups, or fewer with exactly one `::`, each of 1–4 hex digits (an IPv4 tail allowed). */
const isIpv6 = (match: string): boolean => {
  let text = match
  let groupsForTail = 0
  const tail = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text)
  if (tail?.[1]) {
    if (!tail[1].split('.').every((part) => Number(part) <= 255)) return false
    text = `${text.slice(0, tail.index)}:0`
    groupsForTail = 1
  }
  const halves = text.split('::')
  if (halves.length > 2) return false
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')))
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false
  if (halves.length === 1) return groups.length === 8
  // a compressed address needs something that is not plain words or a lone number: a digit and a second group, or '::1'
  return (
    groups.length + groupsForTail <= 7 &&
    groups.length >= 1 &&
    /\d/.test(text) &&
    (groups.length > 1 || halves[0] === '')
  )
}

/** E.164 allows 8 to 15 digits after the `+`. */
const isInternationalPhone = (match: string): boolean => {
  const count = digitsOf(match).length
  return count >= 8 && count <= 15
}

/** National numbers with a trunk prefix 0 (UK, DE, FR, ...): 9–12 digits in groups. */
const isNationalPhone = (match: string): boolean => {
  const count = digitsOf(match).length
  return count >= 9 && count <= 12
}

// A bare 10–11 digit run is judged by the words near it. This tail puts a word at most three words before the
// number, in the same sentence ("Tel. 0612345678": the dot right after a word does not end it)
const UP_TO_NUMBER = '\\.?(?:[^\\p{L}\\d.!?]+[\\p{L}\\d]+){0,3}[^\\p{L}\\d.!?]*$'
// words (and stems) that say it is something else: orders, invoices, tickets, references, accounts, timestamps,
// amounts, quantities, options; kept few and specific, as one near a phone number keeps the number
const NOT_A_PHONE =
  '(?:number of|ids?|isbn|sku|uid|usd|eur|gbp|units|qty|total|strike|(?:order|ordine|invoice|ticket|tracking|ref|account|serial|timestamp|epoch|unix|share|quantit|price|amount|balance|volume|option|bestell|rechnung|commande|factur|pedido|fattur)\\p{L}*)'
const NOT_A_PHONE_BEFORE = new RegExp(`(?:^|[^\\p{L}\\d])${NOT_A_PHONE}${UP_TO_NUMBER}`, 'iu')
const NOT_A_PHONE_AFTER = new RegExp(`^[^\\p{L}\\d.!?]*${NOT_A_PHONE}(?!\\p{L})`, 'iu')
// word stems that say it is a phone (English, German, French, Spanish, Italian, Portuguese): "call", "phone",
// "tel", "mobile", "cell", "number", "Handy", "Nummer", "appelle", "numéro", "llámame", "chiamami", "ligue"
const PHONE_CUE =
  '(?:(?:call|phone|t[eé]l|m[oó][bv]i|cel|whatsapp|sms|fax|dial|contact|handy|ruf|appel|portable|ll[aá]m|chiam|ligu|n[uú]m)\\p{L}*|(?:text|reach|ring) (?:me|us))'
const PHONE_CUE_BEFORE = new RegExp(`(?:^|[^\\p{L}\\d])${PHONE_CUE}${UP_TO_NUMBER}`, 'iu')
// "4155550123 is my number", "4155550123 (cell)"
const PHONE_CUE_AFTER = new RegExp(`^(?:[^\\p{L}\\d.!?]+[\\p{L}\\d]+){0,2}[^\\p{L}\\d.!?]+${PHONE_CUE}`, 'iu')

/**
 * A bare run of 10–11 digits is a phone number when a cue word ("call", "phone", "Tel.", "number", "Handy",
 * "appelle", ...) is among the four words before it or the three after it, or, without a cue, when it starts with
 * a trunk `0` ("0612345678", "07911123456"). A word saying it is an order, a reference, a time or an amount ("order number",
 * "ISBN", "timestamp", "total", "shares", "USD") right before or after it keeps it, cue or not.
 */
const isBarePhone = (match: string, text: string, index: number): boolean => {
  const before = text.slice(Math.max(0, index - 60), index)
  const after = text.slice(index + match.length, index + match.length + 40)
  if (NOT_A_PHONE_BEFORE.test(before) || NOT_A_PHONE_AFTER.test(after)) return false
  return PHONE_CUE_BEFORE.test(before) || PHONE_CUE_AFTER.test(after) || /^0[1-9]/.test(match)
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)'

/**
 * The built-in rules, in the order they run: secrets first (they contain digits other rules would take),
 * then e-mail, IBAN, card numbers, IP addresses and phone numbers. Placeholders contain no digits, so a
 * later rule never matches inside an earlier one's placeholder.
 */
export const REDACTION_RULES: readonly RedactionRule[] = [
  {
    name: 'jwt',
    placeholder: '[token]',
    pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g,
  },
  {
    // well-known key prefixes: OpenAI/Anthropic sk-, Stripe sk_/pk_/rk_, GitHub, GitLab, Slack, AWS, Google, Hugging Face
    name: 'apiKey',
    placeholder: '[api_key]',
    pattern:
      /\b(?:sk-(?:proj-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{16,}|(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|hf_[A-Za-z0-9]{30,})/g,
  },
  {
    // the token must contain a digit, so "Bearer bonds" and "Basic understanding" stay
    name: 'bearer',
    placeholder: '[token]',
    pattern: /(?<keep>\b(?:Bearer|Basic|Token)\s+)(?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/-]{8,}=*/gi,
  },
  {
    // "api_key=abc123", "password: hunter22": the label stays, the value goes
    name: 'secretAssignment',
    placeholder: '[secret]',
    pattern:
      /(?<keep>\b(?:api[_-]?key|apikey|access[_-]?token|auth[_-]?token|client[_-]?secret|secret[_-]?key|password|passwd|pwd)["']?\s*[:=]\s*["']?)[^\s"',;]{4,}/gi,
  },
  {
    name: 'email',
    placeholder: '[email]',
    // starts only where a run of local-part characters starts: linear time on long texts without an '@'
    pattern: /(?<keep>^|[^A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
  },
  {
    name: 'iban',
    placeholder: '[iban]',
    pattern: /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?\b/gi,
    accept: ibanValid,
  },
  {
    // no digit, `+` or `.` right before, so a phone number's tail or a decimal is never a card
    name: 'card',
    placeholder: '[card]',
    pattern: /(?<keep>^|[^\w+.,-])\d(?:[ -]?\d){12,18}(?![\w.,-]\d|\w)/g,
    accept: isCardNumber,
  },
  {
    name: 'ipv6',
    placeholder: '[ip]',
    pattern:
      /(?<keep>^|[^\w:.])(?:[0-9A-Fa-f]{1,4}|:)?(?::[0-9A-Fa-f]{0,4}){2,7}(?::\d{1,3}(?:\.\d{1,3}){3})?(?![\w:]|\.\d)/g,
    accept: isIpv6,
  },
  {
    name: 'ipv4',
    placeholder: '[ip]',
    pattern: new RegExp(`(?<keep>^|[^\\w.])${OCTET}(?:\\.${OCTET}){3}(?!\\.?\\d|\\w)`, 'g'),
  },
  {
    name: 'phone',
    placeholder: '[phone]',
    // +CC then groups: "+1 (415) 555-2671", "+44 20 7946 0958", "+49-30-901820", "+33 1 42 68 53 00"
    pattern: /(?<keep>^|[^\w+])\+\d{1,3}(?:[ .-]?(?:\(\d{1,5}\)|\d{1,5})){1,6}(?![\w.,]\d|\w)/g,
    accept: isInternationalPhone,
  },
  {
    // North America with separators (area code and exchange start with 2–9): "(415) 555-2671", "415.555.2671", "1-800-555-0199"
    name: 'phoneNorthAmerica',
    placeholder: '[phone]',
    pattern: /(?<keep>^|[^\w+.-])(?:1[ .-])?(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}(?![\w.,-]\d|\w)/g,
  },
  {
    // bare 10–11 digits, judged by the words around them (isBarePhone): "call me at 4155550123", "0612345678";
    // not after a currency sign, `#`, `/` or a digit separator, so "$4155550123", "#0612345678" and paths stay
    name: 'phoneBare',
    placeholder: '[phone]',
    pattern: /(?<keep>^|[^\w+.,$€£¥#/@-])\d{10,11}(?![\w%]|[.,:/-]\d)/g,
    accept: isBarePhone,
  },
  {
    // national numbers with a trunk 0 and spaces/dots/dashes: "020 7946 0958", "030 901820", "06 12 34 56 78"
    name: 'phoneNational',
    placeholder: '[phone]',
    pattern: /(?<keep>^|[^\w+.,-])0\d{1,4}(?:[ .-]\d{2,6}){1,4}(?![\w.,-]\d|\w)/g,
    accept: isNationalPhone,
  },
]

/**
 * Replaces personal data and secrets in `text` with typed placeholders, keeping the rest:
 * `[email]`, `[phone]`, `[card]` (Luhn-checked), `[iban]` (mod-97-checked), `[ip]` (IPv4 and IPv6),
 * `[token]` (JWTs, bearer tokens), `[api_key]` (sk-..., sk_live_..., ghp_..., AKIA..., ...) and `[secret]`
 * (the value of `password=`, `api_key:` ...). Ordinary numbers, prices, dates, times, tickers and order
 * numbers are kept. Never throws.
 * @param rules the rules to apply, in order; e.g. `REDACTION_RULES.filter((r) => r.name !== 'ipv4')` or your own added.
 *   A string (the event name, as `messageBody` passes it) means the default rules.
 * As `messageBody: redact` it runs synchronously from the first event; the `'redact'` string loads these same rules
 * on first use, so bundles that never redact never carry them.
 * @example redact('Mail me at ann@example.com') // 'Mail me at [email]'
 */
export function redact(text: string, rules: readonly RedactionRule[] | string = REDACTION_RULES): string {
  if (typeof text !== 'string') return ''
  let result = text
  // as `messageBody: redact` it is called with (body, eventName): anything but a list means the default rules
  for (const rule of Array.isArray(rules) ? rules : REDACTION_RULES) {
    try {
      result = result.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
        // the arguments end with (offset, whole text), then the named groups if the pattern has any
        const groups = rest.at(-1)
        const named = typeof groups === 'object' && groups !== null
        const keep = named ? ((groups as { keep?: string }).keep ?? '') : ''
        const value = match.slice(keep.length)
        const offset = (rest.at(named ? -3 : -2) as number) + keep.length
        const whole = rest.at(named ? -2 : -1) as string
        return rule.accept && !rule.accept(value, whole, offset) ? match : keep + rule.placeholder
      })
    } catch {
      // a broken custom rule is skipped; the others still apply
    }
  }
  return result
}
