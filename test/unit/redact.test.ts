import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ibanValid, luhnValid, REDACTION_RULES, type RedactionRule, redact } from '../../src/core/redact'

/** [what a user might type, what must leave the app] */
const POSITIVES: readonly (readonly [string, string])[] = [
  // e-mail
  ['Mail me at ann.lee+stocks@example.co.uk please', 'Mail me at [email] please'],
  ['contact: J.Doe@sub.mail-server.io.', 'contact: [email].'],
  // phones, international
  ['Call +1 (415) 555-2671 tomorrow', 'Call [phone] tomorrow'],
  ['My number is +44 20 7946 0958.', 'My number is [phone].'],
  ['Ruf an: +49-30-901820', 'Ruf an: [phone]'],
  ['Tel +33 1 42 68 53 00', 'Tel [phone]'],
  ['WhatsApp +919876543210', 'WhatsApp [phone]'],
  ['+61 2 9374 4000 is the office', '[phone] is the office'],
  // phones, North America
  ['reach me on (415) 555-2671', 'reach me on [phone]'],
  ['cell 415-555-2671, office 415.555.0100', 'cell [phone], office [phone]'],
  ['toll free 1-800-555-0199', 'toll free [phone]'],
  ['or 212 555 0147', 'or [phone]'],
  // phones, national with a trunk 0
  ['London office 020 7946 0958', 'London office [phone]'],
  ['mobile 07700 900123', 'mobile [phone]'],
  ['appelle le 06 12 34 56 78', 'appelle le [phone]'],
  ['Büro 030 901820', 'Büro [phone]'],
  // phones, bare 10–11 digits: after a cue word in the same sentence, or with a trunk 0
  ['call me at 4155550123', 'call me at [phone]'],
  ['my number is 0612345678', 'my number is [phone]'],
  ['Phone: 14155550123 (home)', 'Phone: [phone] (home)'],
  ['Tel. 0612345678, thanks', 'Tel. [phone], thanks'],
  ['text me on 4155550123 later', 'text me on [phone] later'],
  ['mobile 07911123456 or +44 7911 123456', 'mobile [phone] or [phone]'],
  ['WhatsApp 13812345678', 'WhatsApp [phone]'],
  ['cell phone number is 9876543210.', 'cell phone number is [phone].'],
  ['Ruf mich an unter 01701234567', 'Ruf mich an unter [phone]'],
  ['Meine Handynummer: Handy 01701234567', 'Meine Handynummer: Handy [phone]'],
  ['appelle-moi au 0612345678 ce soir', 'appelle-moi au [phone] ce soir'],
  ['mon portable : 0612345678', 'mon portable : [phone]'],
  ['llámame al 6123456789', 'llámame al [phone]'],
  ['chiamami al 3471234567', 'chiamami al [phone]'],
  ['it is 0612345678', 'it is [phone]'],
  ['4155550123 is my number', '[phone] is my number'],
  ['office: 4155550123 (cell), home 0612345678', 'office: [phone] (cell), home [phone]'],
  ['call me at 4155550123, or 0612345678.', 'call me at [phone], or [phone].'],
  // cards (Luhn-valid)
  ['Charge my card 4111 1111 1111 1111 now', 'Charge my card [card] now'],
  ['card: 5500-0000-0000-0004', 'card: [card]'],
  ['Amex 378282246310005', 'Amex [card]'],
  ['use 6011111111111117.', 'use [card].'],
  // IBANs (mod-97-valid)
  ['Send it to DE89 3704 0044 0532 0130 00 today', 'Send it to [iban] today'],
  ['IBAN GB82WEST12345698765432', 'IBAN [iban]'],
  ['FR14 2004 1010 0505 0001 3M02 606', '[iban]'],
  ['nl91abna0417164300 is mine', '[iban] is mine'],
  // IP addresses
  ['my server is 192.168.1.20, the gateway 10.0.0.1.', 'my server is [ip], the gateway [ip].'],
  ['from 2001:db8:85a3::8a2e:370:7334 and ::1', 'from [ip] and [ip]'],
  ['full 2001:0db8:85a3:0000:0000:8a2e:0370:7334 form', 'full [ip] form'],
  ['mapped ::ffff:192.0.2.128 here', 'mapped [ip] here'],
  ['link-local fe80::1ff:fe23:4567:890a%eth0', 'link-local [ip]%eth0'],
  // secrets
  ['my key is sk-proj-abcDEF1234567890ghijKLMN', 'my key is [api_key]'],
  ['anthropic sk-ant-api03-AbCdEfGhIjKlMnOpQrSt', 'anthropic [api_key]'],
  ['stripe sk_live_51HabcdEFGhijkLMNop', 'stripe [api_key]'],
  ['github ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'github [api_key]'],
  ['aws AKIAIOSFODNN7EXAMPLE', 'aws [api_key]'],
  ['Authorization: Bearer abc123.def456-ghi789', 'Authorization: Bearer [token]'],
  [
    'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end',
    'jwt [token] end',
  ],
  ['header Bearer sk-abcdefghijklmnop1234', 'header Bearer [api_key]'],
  ['+1-415-555-2671 or 4242424242424242', '[phone] or [card]'],
  ['api_key=9f8e7d6c5b4a and password: hunter22', 'api_key=[secret] and password: [secret]'],
]

/** Ordinary chat text that must leave the app untouched. */
const NEGATIVES: readonly string[] = [
  "What's the best stock in the Nasdaq right now?",
  'NVDA closed at $1,299.99, up +2.5% (AAPL -0.75%)',
  'Buy 1,250 shares of BRK.B at 412.30 and 10 GOOGL',
  'Market cap 3,450,000,000,000 USD; volume 45,678,901',
  'Meeting on 2026-11-23 at 12:30:45, or 11/23/2026, or 23.11.2026',
  'Q3 2026 revenue was 12.4 billion, EPS 3.14159',
  'Order #123456789 and order 1234567890123456 shipped',
  'Invoice INV-2026-00042, ticket 55512, ZIP 94103',
  'ISBN 978-3-16-148410-0 and UPC 036000291452',
  'Epoch 1732377600000 and 1700000000',
  'Card ending 4242, last four 1111',
  'Not a card: 4111 1111 1111 1112',
  'Not an IBAN: DE89 3704 0044 0532 0130 01',
  'version 1.2.3.4.5 and v1.2.3.4',
  'ratio 1:2:3 at 10:30, std::vector<int> and Foo::bar',
  'trace id 123e4567-e89b-12d3-a456-426614174000',
  'sha a94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
  'Bearer bonds are a Basic understanding',
  'The password is required; the api key field is empty',
  'Score 100 200 300 and 12 345 678 items',
  'Call option at strike 150, 30 days, delta 0.45',
  'Temperature -12.5°C, coordinates 48.8566, 2.3522',
  'Account balance 12,345.67 EUR, tracking 1Z999AA10123456784',
  'Dial 555-0199 or extension 4021; room 1204, flight LH 2026',
  'Price moved from 415.55 to 416.01 (+0.11%)',
  // bare 10–11 digits that are not phones: no cue, or a word saying what they are
  'Unix time 1732950000, created 1732377600 and updated 1732950000.',
  'Order 4155550123 shipped; my order number is 0612345678',
  'Order #0612345678, invoice 0612345679, ticket 07911123456, ref 4155550123',
  'ISBN 0306406152 and SKU 0612345678',
  'Paid $4155550123 or €0612345678 or 4155550123 USD',
  'Bought 4155550123 shares and sold 0612345678 units',
  'the number of users is 4155550123',
  'I will call you tomorrow. 4155550123 is the total',
  '1732950000 is the timestamp of my call',
  'Paid 4155550123. Call me later',
  'Call option at strike 1500000000, call volume 4155550123',
  'revenue could reach 4155550123 and the text says 1732950000',
  'see /orders/0612345678 and #0612345678 and 0612345678% and 0612345678.5',
]

describe('redact', () => {
  it.each(POSITIVES)('redacts %j', (input, expected) => {
    expect(redact(input)).toBe(expected)
  })

  it.each(NEGATIVES)('keeps %j', (input) => {
    expect(redact(input)).toBe(input)
  })

  it('keeps everything but the personal data in a realistic message', () => {
    const chat =
      'Can you alert me when NVDA hits 150? Text me on 4155550123. I hold 1200 shares since 1732950000 ' +
      '(order 0612345678), or call my office 0207946095.'
    expect(redact(chat)).toBe(
      'Can you alert me when NVDA hits 150? Text me on [phone]. I hold 1200 shares since 1732950000 ' +
        '(order 0612345678), or call my office [phone].',
    )

    const body =
      'Hi, I am Ann (ann@example.com, +1 415 555 2671). Please buy 10 NVDA at $135.20 on 2026-11-23 ' +
      'and pay from DE89370400440532013000; my card 4111-1111-1111-1111 is the backup.'
    expect(redact(body)).toBe(
      'Hi, I am Ann ([email], [phone]). Please buy 10 NVDA at $135.20 on 2026-11-23 ' +
        'and pay from [iban]; my card [card] is the backup.',
    )
  })

  it('applies only the rules given, in order, and skips a rule that throws', () => {
    const noIp = REDACTION_RULES.filter((rule) => rule.name !== 'ipv4')
    expect(redact('ann@example.com from 10.0.0.1', noIp)).toBe('[email] from 10.0.0.1')
    const broken: RedactionRule = {
      name: 'broken',
      placeholder: '[x]',
      pattern: /x/g,
      accept: () => {
        throw new Error('boom')
      },
    }
    const customer: RedactionRule = { name: 'customer', placeholder: '[customer]', pattern: /\bCUST-\d{6}\b/g }
    expect(redact('xx CUST-123456 ann@example.com', [broken, customer, ...REDACTION_RULES])).toBe(
      'xx [customer] [email]',
    )
  })

  it("gives a rule's accept the whole text and the match's position", () => {
    const seen: [string, string, number][] = []
    const ticket: RedactionRule = {
      name: 'ticket',
      placeholder: '[ticket]',
      pattern: /(?<keep>#)\d{4}/g,
      accept: (match, text, index) => {
        seen.push([match, text, index])
        return text.slice(0, index).endsWith('ticket #')
      },
    }
    expect(redact('ticket #1234, room #5678', [ticket])).toBe('ticket #[ticket], room #5678')
    expect(seen).toEqual([
      ['1234', 'ticket #1234, room #5678', 8],
      ['5678', 'ticket #1234, room #5678', 20],
    ])
    // a pattern without named groups gets the same arguments
    const plain: RedactionRule = {
      placeholder: '[n]',
      pattern: /\d+/g,
      accept: (match, text, index) => index + match.length === text.length,
    }
    expect(redact('12 and 34', [plain])).toBe('12 and [n]')
  })

  it('gets through long adversarial text (no catastrophic backtracking on huge pastes)', () => {
    // each of these took seconds to minutes with a pattern that rescans from every position
    const shapes = [
      'a',
      '1',
      'a.',
      '1.',
      '1-',
      '1 ',
      'ab:',
      '1.1.1.',
      '0 12 ',
      '+1 ',
      '(415) ',
      'call 0612345678 ',
      'Tel. 4155550123.',
    ]
    for (const shape of shapes) {
      const text = shape.repeat(Math.ceil(100_000 / shape.length))
      expect(redact(text).length).toBeGreaterThan(0)
    }
    expect(redact(`${'x'.repeat(100_000)} ann@example.com`)).toMatch(/x \[email\]$/)
  })

  it('returns an empty string for a non-string instead of throwing', () => {
    expect(redact(undefined as unknown as string)).toBe('')
  })

  it('checks Luhn and IBAN digits', () => {
    expect(luhnValid('4111111111111111')).toBe(true)
    expect(luhnValid('4111111111111112')).toBe(false)
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true)
    expect(ibanValid('GB83 WEST 1234 5698 7654 32')).toBe(false)
  })
})

// Seeded property tests: phones in every supported shape inside chat text are always redacted, and numbers of
// other kinds (timestamps, amounts, order numbers, quantities, prices, dates, versions, cards, IBANs) never become
// `[phone]`. The filler has no digits and no cue words, so each case is exactly one number in text.
const FILLER_WORD = fc.constantFrom(
  'hello',
  'the',
  'market',
  'looks',
  'good',
  'today',
  'please',
  'thanks',
  'buy',
  'sell',
  'later',
  'what',
  'about',
  'we',
  'see',
  'ok',
  'great',
  'news',
  'chart',
  'trend',
  'and',
  'so',
  'Hi',
  'NVDA',
  'AAPL',
  'wow',
)
const SENTENCE = fc
  .tuple(fc.array(FILLER_WORD, { minLength: 0, maxLength: 8 }), fc.constantFrom('', '.', '!', '?', ',', ':'))
  .map(([words, end]) => (words.length > 0 ? words.join(' ') + end : ''))
const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((list) => list.join(''))
const digit = (from: number, to: number) => fc.integer({ min: from, max: to }).map(String)
const join = (...parts: fc.Arbitrary<string>[]) => fc.tuple(...parts).map((list) => list.join(''))

/** North American: area code and exchange start with 2–9. */
const NANP = join(digit(2, 9), digits(2, 2), digit(2, 9), digits(6, 6))
/** A national number with its trunk 0: 10 or 11 digits. */
const TRUNK = join(fc.constant('0'), digit(1, 9), digits(8, 9))
const CUE = fc.constantFrom(
  'call me at',
  'Call',
  'my number is',
  'my phone number:',
  'Phone:',
  'tel',
  'Tel.',
  'mobile',
  'cell',
  'WhatsApp',
  'text me on',
  'reach me at',
  'SMS',
  'Ruf mich an unter',
  'Telefon',
  'Handy',
  'meine Nummer ist',
  'appelle-moi au',
  'mon numéro:',
  'téléphone',
  'llámame al',
  'mi móvil',
  'chiamami al',
  'cellulare',
  'mijn telefoonnummer is',
  'ligue para',
)
const CUED_BARE = fc.tuple(
  CUE,
  fc.oneof(
    NANP,
    join(fc.constant('1'), NANP),
    TRUNK,
    join(fc.constant('1'), digit(3, 9), digits(9, 9)), // China mobile
    join(digit(6, 9), digits(9, 9)), // India mobile
  ),
)
const SEPARATOR = fc.constantFrom(' ', '-', '.')
const UNCUED = fc.oneof(
  TRUNK,
  // +CC and groups, 8–15 digits in all
  join(fc.constant('+'), digit(1, 9), digits(0, 2), fc.constant(' '), digits(3, 4), fc.constant(' '), digits(4, 4)),
  // North America with separators
  fc
    .tuple(NANP, SEPARATOR, fc.boolean())
    .map(([n, sep, paren]) =>
      paren
        ? `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`
        : [n.slice(0, 3), n.slice(3, 6), n.slice(6)].join(sep),
    ),
  // national with a trunk 0 and spaces: "020 7946 0958", "06 12 34 56 78"
  fc
    .tuple(TRUNK, fc.boolean())
    .map(([n, pairs]) =>
      pairs ? (n.slice(0, 10).match(/\d\d/g) ?? []).join(' ') : `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
    ),
)
const PHONE_IN_TEXT = fc.oneof(
  CUED_BARE.map(([cue, phone]) => ({ lead: `${cue} `, phone, trail: '' })),
  fc
    .tuple(
      fc.oneof(NANP, join(fc.constant('1'), NANP)),
      fc.constantFrom(' is my number', ' (cell)', ' – call me', ', mobile'),
    )
    .map(([phone, trail]) => ({ lead: '', phone, trail })),
  UNCUED.map((phone) => ({ lead: '', phone, trail: '' })),
)

const luhnComplete = (body: string): string => {
  for (let check = 0; check <= 9; check++) if (luhnValid(body + check)) return body + check
  return body
}
const ibanComplete = (country: string, bban: string): string => {
  for (let check = 2; check <= 98; check++) {
    const iban = `${country}${String(check).padStart(2, '0')}${bban}`
    if (ibanValid(iban)) return iban
  }
  return bban
}
/** [a number that is not a phone, in its usual wording; what it must become] */
const NOT_A_PHONE_IN_TEXT: fc.Arbitrary<readonly [string, string]> = fc.oneof(
  // Unix seconds (2001–2033) and milliseconds, bare
  fc.integer({ min: 1_000_000_000, max: 1_999_999_999 }).map((n) => [`${n}`, `${n}`] as const),
  fc.integer({ min: 1_000_000_000, max: 1_999_999_999 }).map((n) => [`${n}123`, `${n}123`] as const),
  // amounts
  fc
    .tuple(fc.constantFrom('$', '€', '£'), digits(10, 11), fc.constantFrom('', '.00', '.50'))
    .map(([sign, n, cents]) => [`${sign}${n}${cents}`, `${sign}${n}${cents}`] as const),
  digits(10, 11).map((n) => [`${n} USD`, `${n} USD`] as const),
  // order and reference numbers, trunk-shaped ones too
  fc
    .tuple(
      fc.constantFrom('order', 'Order #', 'order number', 'invoice', 'ticket', 'ref', 'ISBN', 'account'),
      digits(10, 11),
    )
    .map(([label, n]) => [`${label} ${n}`, `${label} ${n}`] as const),
  fc
    .tuple(digits(10, 11), fc.constantFrom('shares', 'units'))
    .map(([n, what]) => [`${n} ${what}`, `${n} ${what}`] as const),
  // prices, dates, versions
  fc.tuple(digits(1, 5), digits(2, 2)).map(([a, b]) => [`NVDA at ${a}.${b}`, `NVDA at ${a}.${b}`] as const),
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true })
    .map((date) => [date.toISOString(), date.toISOString()] as const),
  fc
    .tuple(digits(1, 3), digits(1, 3), digits(1, 4))
    .map(([a, b, c]) => [`v${a}.${b}.${c}`, `v${a}.${b}.${c}`] as const),
  // cards and IBANs keep their own placeholders
  join(digit(4, 5), digits(14, 14)).map((body) => [luhnComplete(body), '[card]'] as const),
  digits(18, 18).map((bban) => [ibanComplete('DE', bban), '[iban]'] as const),
)

describe('redact: phone numbers (seeded property tests)', () => {
  it('always redacts a phone number in a supported shape, wherever it is in chat text', () => {
    fc.assert(
      fc.property(
        SENTENCE,
        PHONE_IN_TEXT,
        fc.constantFrom('', '.', ',', '!', ' ok'),
        SENTENCE,
        (before, { lead, phone, trail }, end, after) => {
          const text = `${before} ${lead}${phone}${trail}${end} ${after}`
          expect(redact(text)).toBe(`${before} ${lead}[phone]${trail}${end} ${after}`)
        },
      ),
      { seed: 415, numRuns: 2000 },
    )
  })

  it('never touches other numbers without a phone cue', () => {
    fc.assert(
      fc.property(
        SENTENCE,
        NOT_A_PHONE_IN_TEXT,
        fc.constantFrom('', '.', ',', '!', ' ok'),
        SENTENCE,
        (before, [number, expected], end, after) => {
          const text = `${before} ${number}${end} ${after}`
          expect(redact(text)).toBe(`${before} ${expected}${end} ${after}`)
        },
      ),
      { seed: 1733, numRuns: 2000 },
    )
  })
})
