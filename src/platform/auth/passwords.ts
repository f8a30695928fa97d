import { hash, verify } from '@node-rs/argon2'
import { dictionary } from '@zxcvbn-ts/language-common'

export const minimumPasswordLength = 12

// Argon2id with the library's defaults (19 MiB, 2 passes), the OWASP baseline.
const argon2id = 2
const commonPasswords = new Set((dictionary['passwords-common'] as string[]).map((password) => password.toLowerCase()))

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: argon2id })
}

/** A hash of a random password: verifying against it costs what a real check costs, so timing does not reveal unknown e-mail addresses. */
const decoyHash = hashPassword(`decoy-${Math.random()}-${Date.now()}`)

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    await verify(await decoyHash, password)
    return false
  }
  try {
    return await verify(storedHash, password)
  } catch {
    return false
  }
}

export type PasswordProblem = 'tooShort' | 'common'

/** Why a new password is not acceptable, or null. The rules are NCSC's: length over complexity, and no known passwords. */
export function passwordProblem(password: string): PasswordProblem | null {
  if (password.length < minimumPasswordLength) return 'tooShort'
  const folded = password.toLowerCase()
  if (commonPasswords.has(folded) || commonPasswords.has(folded.replace(/\d+$/, '')) || /^(.)\1+$/.test(folded)) return 'common'
  return null
}
