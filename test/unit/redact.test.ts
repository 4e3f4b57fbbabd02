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
]

describe('redact', () => {
  it.each(POSITIVES)('redacts %j', (input, expected) => {
    expect(redact(input)).toBe(expected)
  })

  it.each(NEGATIVES)('keeps %j', (input) => {
    expect(redact(input)).toBe(input)
  })

  it('keeps everything but the personal data in a realistic message', () => {
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

  it('gets through long adversarial text (no catastrophic backtracking on huge pastes)', () => {
    // each of these took seconds to minutes with a pattern that rescans from every position
    const shapes = ['a', '1', 'a.', '1.', '1-', '1 ', 'ab:', '1.1.1.', '0 12 ', '+1 ', '(415) ']
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
