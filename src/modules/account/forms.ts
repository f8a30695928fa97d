import { z } from 'zod'

export const signInForm = z.object({
  email: z.string().trim().min(1, 'account.signIn.errors.emailMissing').max(320, 'account.signIn.errors.emailMissing'),
  password: z.string().min(1, 'account.signIn.errors.passwordMissing').max(1000, 'account.signIn.errors.passwordMissing'),
  returnTo: z.string().optional(),
})

export const confirmIdentityForm = z.object({
  password: z.string().min(1, 'account.confirm.errors.passwordMissing').max(1000, 'account.confirm.errors.passwordMissing'),
  returnTo: z.string().optional(),
})

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}
