/**
 * The second factor: TOTP (RFC 6238) from an authenticator app, and single-use recovery
 * codes for when the app is lost. No I/O here; storing secrets and codes is the caller's.
 */
import { createHash, randomInt } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'

/** The name authenticator apps show beside the account. */
const issuer = 'Pathways'
/** 20 bytes (160 bits, 32 base32 characters) is the key length RFC 4226 recommends, and what every authenticator app accepts. */
const secretBytes = 20
const secretShape = new RegExp(`^[A-Z2-7]{${(secretBytes * 8) / 5}}$`)
/** Codes of the step before and after the current one are accepted too: phone clocks drift and people type slowly. */
const stepWindow = 1

/** A new authenticator secret in base32, the form apps take and staff_user.mfa_secret stores. */
export function newAuthenticatorSecret(): string {
  return new Secret({ size: secretBytes }).base32
}

/** True for a secret of the shape `newAuthenticatorSecret` makes (the enrolment form posts it back). */
export function isAuthenticatorSecret(value: unknown): value is string {
  return typeof value === 'string' && secretShape.test(value)
}

function totp(secret: string, email?: string): TOTP {
  return new TOTP({ issuer, label: email, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 })
}

/** The `otpauth://` link an authenticator app reads from the QR code. */
export function authenticatorUri(secret: string, email: string): string {
  return totp(secret, email).toString()
}

/** The secret in groups of four, for typing into an app by hand when the QR code cannot be scanned. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ')
}

/**
 * The 30-second step the code belongs to when it is right (within ±1 step of `at`), else
 * null. The sign-in step stores the last accepted step (staff_user.mfa_last_step), so a
 * code is good once, not for its whole window.
 */
export function authenticatorCodeStep(secret: string, code: string, at: Date = new Date()): number | null {
  const generator = totp(secret)
  const delta = generator.validate({ token: code, timestamp: at.getTime(), window: stepWindow })
  return delta === null ? null : generator.counter({ timestamp: at.getTime() }) + delta
}

/** True when `code` is the authenticator code for `secret` at `at`, give or take one step. */
export function verifyAuthenticatorCode(secret: string, code: string, at: Date = new Date()): boolean {
  return authenticatorCodeStep(secret, code, at) !== null
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/**
 * The QR code of `text` as inline SVG markup, drawn here so the secret never reaches a
 * third-party service. `accessibleName` tells screen-reader users what the image is.
 */
export async function qrCodeSvg(text: string, accessibleName: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, width: 200 })
  return svg.trim().replace(/^<svg /, `<svg role="img" aria-label="${escapeAttribute(accessibleName)}" focusable="false" `)
}

/** No 0/O or 1/I/L: recovery codes are copied from paper and typed back in by people in a hurry. */
const recoveryAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const recoveryCodePolicy = { count: 10, length: 10 }
const recoveryCodeShape = new RegExp(`^[${recoveryAlphabet}]{${recoveryCodePolicy.length}}$`)

/** A fresh set of recovery codes, each `recoveryCodePolicy.length` characters, in canonical (unformatted) form. */
export function newRecoveryCodes(): string[] {
  const codes = new Set<string>()
  while (codes.size < recoveryCodePolicy.count) {
    codes.add(Array.from({ length: recoveryCodePolicy.length }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]).join(''))
  }
  return [...codes]
}

/** A recovery code as shown to the user: two groups of five, easier to copy than ten in a row. */
export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`
}

/** Spaces, hyphens and case do not matter when a code is typed in. */
const canonicalRecoveryCode = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase()

/** What is stored for a recovery code: its SHA-256, so the table alone does not let anyone sign in. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(canonicalRecoveryCode(code)).digest('hex')
}

export type SecondFactor = { kind: 'authenticator'; code: string } | { kind: 'recovery'; code: string }

/** Reads what was typed at the second sign-in step: an authenticator code, a recovery code, or (null) neither. */
export function readSecondFactor(typed: string): SecondFactor | null {
  const digits = typed.replace(/\s/g, '')
  if (/^\d{6}$/.test(digits)) return { kind: 'authenticator', code: digits }
  const recovery = canonicalRecoveryCode(typed)
  return recoveryCodeShape.test(recovery) ? { kind: 'recovery', code: recovery } : null
}
