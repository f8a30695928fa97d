import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import {
  authenticatorUri,
  formatRecoveryCode,
  groupedSecret,
  hashRecoveryCode,
  isAuthenticatorSecret,
  newAuthenticatorSecret,
  newRecoveryCodes,
  qrCodeSvg,
  readSecondFactor,
  recoveryCodePolicy,
  verifyAuthenticatorCode,
} from './mfa.ts'

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" in base32, and the last six
// digits of its published 8-digit codes.
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
const rfcCodes: ReadonlyArray<[seconds: number, code: string]> = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
]
const at = (seconds: number) => new Date(seconds * 1000)

describe('authenticator secrets', () => {
  it('are 20 random bytes in base32, different every time', () => {
    const secrets = new Set(Array.from({ length: 20 }, newAuthenticatorSecret))
    assert.equal(secrets.size, 20)
    for (const secret of secrets) {
      assert.match(secret, /^[A-Z2-7]{32}$/)
      assert.ok(isAuthenticatorSecret(secret))
    }
  })

  it('refuses anything else posted back as a secret', () => {
    for (const value of [undefined, 42, '', 'GEZDGNBV', `${rfcSecret}A`, rfcSecret.toLowerCase(), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1']) {
      assert.equal(isAuthenticatorSecret(value), false, String(value))
    }
  })

  it('are shown for typing in groups of four', () => {
    assert.equal(groupedSecret(rfcSecret), 'GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ')
  })

  it('go into an otpauth:// link with the issuer Pathways and the e-mail address as label', () => {
    const uri = new URL(authenticatorUri(rfcSecret, 'ann.example@nhs.test'))
    assert.equal(uri.protocol, 'otpauth:')
    assert.equal(uri.host, 'totp')
    assert.equal(decodeURIComponent(uri.pathname), '/Pathways:ann.example@nhs.test')
    assert.equal(uri.searchParams.get('issuer'), 'Pathways')
    assert.equal(uri.searchParams.get('secret'), rfcSecret)
    assert.equal(uri.searchParams.get('digits'), '6')
    assert.equal(uri.searchParams.get('period'), '30')
  })
})

describe('authenticator codes', () => {
  for (const [seconds, code] of rfcCodes) {
    it(`accepts the RFC 6238 code ${code} at ${seconds}s`, () => {
      assert.equal(verifyAuthenticatorCode(rfcSecret, code, at(seconds)), true)
    })
  }

  it('accepts the code of the step before or after, and no further (30-second steps)', () => {
    const [seconds, code] = rfcCodes[3]!
    assert.equal(verifyAuthenticatorCode(rfcSecret, code, at(seconds + 30)), true, 'one step late')
    assert.equal(verifyAuthenticatorCode(rfcSecret, code, at(seconds - 30)), true, 'one step early')
    assert.equal(verifyAuthenticatorCode(rfcSecret, code, at(seconds + 60)), false, 'two steps late')
    assert.equal(verifyAuthenticatorCode(rfcSecret, code, at(seconds - 60)), false, 'two steps early')
  })

  it('refuses a wrong code, and a right code for another secret', () => {
    const [seconds, code] = rfcCodes[2]!
    assert.equal(verifyAuthenticatorCode(rfcSecret, '000000', at(seconds)), false)
    assert.equal(verifyAuthenticatorCode(newAuthenticatorSecret(), code, at(seconds)), false)
  })
})

describe('the QR code', () => {
  it('is inline SVG with an accessible name, drawn without any network address', async () => {
    const svg = await qrCodeSvg(authenticatorUri(rfcSecret, 'ann@nhs.test'), 'QR code for "Pathways" & you')
    assert.match(svg, /^<svg role="img" aria-label="QR code for &quot;Pathways&quot; &amp; you" focusable="false" xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="200" height="200" viewBox="0 0 \d+ \d+"/)
    assert.match(svg, /<path [^>]*d="M\d/)
    assert.match(svg, /<\/svg>$/)
    assert.deepEqual(svg.match(/https?:\/\/[^"]+/g), ['http://www.w3.org/2000/svg'])
  })

  it('encodes what it is given', async () => {
    const one = await qrCodeSvg(authenticatorUri(rfcSecret, 'ann@nhs.test'), 'QR code')
    const other = await qrCodeSvg(authenticatorUri(newAuthenticatorSecret(), 'ann@nhs.test'), 'QR code')
    assert.notEqual(one, other)
  })
})

describe('recovery codes', () => {
  it('come ten at a time, ten characters each, without look-alike characters, all different', () => {
    const codes = newRecoveryCodes()
    assert.equal(codes.length, recoveryCodePolicy.count)
    assert.equal(new Set(codes).size, codes.length)
    for (const code of codes) assert.match(code, /^[2-9A-HJKMNP-Z]{10}$/)
    const everyCharacter = newRecoveryCodes().concat(newRecoveryCodes()).join('')
    assert.doesNotMatch(everyCharacter, /[01ILO]/)
  })

  it('are shown in two groups of five', () => {
    assert.equal(formatRecoveryCode('ABCDE23456'), 'ABCDE-23456')
  })

  it('are stored as the SHA-256 of the code, whatever spacing, hyphens or case it was typed with', () => {
    const expected = createHash('sha256').update('ABCDE23456').digest('hex')
    for (const typed of ['ABCDE23456', 'ABCDE-23456', 'abcde-23456', ' abcde 23456 ']) assert.equal(hashRecoveryCode(typed), expected, typed)
    assert.notEqual(hashRecoveryCode('ABCDE23457'), expected)
  })
})

describe('reading the second sign-in step', () => {
  it('takes six digits as an authenticator code, spaces allowed', () => {
    assert.deepEqual(readSecondFactor('123456'), { kind: 'authenticator', code: '123456' })
    assert.deepEqual(readSecondFactor('123 456'), { kind: 'authenticator', code: '123456' })
  })

  it('takes ten characters of the recovery alphabet as a recovery code, in any case and grouping', () => {
    assert.deepEqual(readSecondFactor('abcde-23456'), { kind: 'recovery', code: 'ABCDE23456' })
    assert.deepEqual(readSecondFactor('ABCDE 23456'), { kind: 'recovery', code: 'ABCDE23456' })
  })

  it('takes nothing else', () => {
    for (const typed of ['', '12345', '1234567', '12345a', 'ABCDE2345', 'ABCDE234567', 'ABCDE-2345O', 'ABCDE-23451']) {
      assert.equal(readSecondFactor(typed), null, typed)
    }
  })
})
