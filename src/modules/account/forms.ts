import { z } from 'zod'
import { readSecondFactor } from '../../platform/auth/mfa.ts'

export const signInForm = z.object({
  email: z.string().trim().min(1, 'account.signIn.errors.emailMissing').max(320, 'account.signIn.errors.emailMissing'),
  password: z.string().min(1, 'account.signIn.errors.passwordMissing').max(1000, 'account.signIn.errors.passwordMissing'),
  returnTo: z.string().optional(),
})

export const confirmIdentityForm = z.object({
  password: z.string().min(1, 'account.confirm.errors.passwordMissing').max(1000, 'account.confirm.errors.passwordMissing'),
  returnTo: z.string().optional(),
})

/** The second step of sign-in: a code from the authenticator app, or a recovery code. */
export const mfaChallengeForm = z.object({
  code: z
    .string({ error: 'mfa.challenge.errors.codeMissing' })
    .trim()
    .min(1, 'mfa.challenge.errors.codeMissing')
    .transform((typed, context) => {
      const factor = readSecondFactor(typed)
      if (!factor) context.addIssue({ code: 'custom', message: 'mfa.challenge.errors.codeFormat' })
      return factor ?? z.NEVER
    }),
  returnTo: z.string().optional(),
})

/** The first code from a newly scanned authenticator, proving the app and the server agree on the secret. */
export const mfaEnrolForm = z.object({
  code: z
    .string({ error: 'mfa.enrol.errors.codeMissing' })
    .transform((typed) => typed.replace(/\s/g, ''))
    .pipe(z.string().min(1, 'mfa.enrol.errors.codeMissing').regex(/^\d{6}$/, 'mfa.enrol.errors.codeFormat')),
  returnTo: z.string().optional(),
})

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}
