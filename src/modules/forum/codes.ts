import { randomInt } from 'node:crypto'
import { hashToken } from '../../platform/auth/sessions.ts'

/*
 * One-time codes that staff hand to a member (no e-mail needed): to join, or to set a new
 * password. Twelve characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 58
 * bits — far beyond guessing within the sign-in throttle — and stored only as a hash.
 */

const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** A new code, grouped for reading aloud: ABCD-EFGH-JKMN. */
export function newMemberCode(): string {
  const characters = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)])
  return [0, 4, 8].map((start) => characters.slice(start, start + 4).join('')).join('-')
}

/** The stored form of a code as typed (any case, with or without hyphens or spaces). */
export function memberCodeHash(typed: string): string {
  return hashToken(typed.toUpperCase().replace(/[^A-Z0-9]/g, ''))
}
