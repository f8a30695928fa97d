import { z } from 'zod'
import { organisationTypes } from '../../platform/db/schema.ts'

/** A checkbox group posts nothing, one value, or several: always a list here (and when a failed form is shown again). */
export function checkedList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

const checkedValues = z.preprocess(checkedList, z.array(z.string().max(100)).max(100)).transform((values) => [...new Set(values)])

/** An optional choice from a select: the empty option means none. */
const optionalChoice = z.preprocess((value) => (value === '' ? undefined : value), z.string().max(100).optional())

export const organisationForm = z.object({
  name: z.string().trim().min(1, 'admin.newOrganisation.errors.nameMissing').max(200, 'admin.newOrganisation.errors.nameTooLong'),
  type: z.enum(organisationTypes, 'admin.newOrganisation.errors.typeMissing'),
  parentId: optionalChoice,
})

export const teamForm = z.object({
  name: z.string().trim().min(1, 'admin.newTeam.errors.nameMissing').max(200, 'admin.newTeam.errors.nameTooLong'),
  serviceId: optionalChoice,
})

const accessFields = {
  roles: checkedValues.pipe(z.array(z.string()).min(1, 'admin.access.errors.rolesMissing')),
  teamIds: checkedValues,
}

export const accessForm = z.object(accessFields)

export const inviteForm = z.object({
  displayName: z.string().trim().min(1, 'admin.invite.errors.nameMissing').max(200, 'admin.invite.errors.nameTooLong'),
  // Stored lower-case: sign-in and the uniqueness check compare addresses case-insensitively.
  email: z.string().trim().toLowerCase().min(1, 'admin.invite.errors.emailMissing').max(320, 'admin.invite.errors.emailInvalid').pipe(z.email('admin.invite.errors.emailInvalid')),
  ...accessFields,
})

export const setPasswordForm = z.object({
  password: z.string().min(1, 'admin.setPassword.errors.passwordMissing').max(1000, 'admin.setPassword.errors.passwordTooLong'),
  confirmPassword: z.string().max(1000, 'admin.setPassword.errors.mismatch'),
})
