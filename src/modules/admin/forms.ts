import { z } from 'zod'
import { organisationTypes } from '../../platform/db/schema.ts'

/** A checkbox group posts nothing, one value, or several: always a list here (and when a failed form is shown again). */
export function checkedList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

/** Ticked values, each once. `invalid` is the message for anything no form of ours would post. */
const checkedValues = (invalid: string) =>
  z.preprocess(checkedList, z.array(z.string(invalid).max(100, invalid), invalid).max(100, invalid)).transform((values) => [...new Set(values)])

/** An optional choice from a select: the empty option means none. */
const optionalChoice = (invalid: string) => z.preprocess((value) => (value === '' ? undefined : value), z.string(invalid).max(100, invalid).optional())

/** Required text; a missing field reads as an empty one. */
const requiredText = (missing: string, tooLong: string, maximum = 200) => z.string(missing).trim().min(1, missing).max(maximum, tooLong)

export const organisationForm = z.object({
  name: requiredText('admin.newOrganisation.errors.nameMissing', 'admin.newOrganisation.errors.nameTooLong'),
  type: z.enum(organisationTypes, 'admin.newOrganisation.errors.typeMissing'),
  parentId: optionalChoice('admin.newOrganisation.errors.parentMissing'),
})

export const teamForm = z.object({
  name: requiredText('admin.newTeam.errors.nameMissing', 'admin.newTeam.errors.nameTooLong'),
  serviceId: optionalChoice('admin.newTeam.errors.serviceUnknown'),
})

const accessFields = {
  roles: checkedValues('admin.access.errors.roleUnknown').pipe(z.array(z.string()).min(1, 'admin.access.errors.rolesMissing')),
  teamIds: checkedValues('admin.access.errors.teamUnknown'),
}

export const accessForm = z.object(accessFields)

export const inviteForm = z.object({
  displayName: requiredText('admin.invite.errors.nameMissing', 'admin.invite.errors.nameTooLong'),
  // Stored lower-case: sign-in and the uniqueness check compare addresses case-insensitively.
  email: requiredText('admin.invite.errors.emailMissing', 'admin.invite.errors.emailInvalid', 320).toLowerCase().pipe(z.email('admin.invite.errors.emailInvalid')),
  ...accessFields,
})

export const setPasswordForm = z.object({
  // Not trimmed: spaces are part of a password.
  password: z.string('admin.setPassword.errors.passwordMissing').min(1, 'admin.setPassword.errors.passwordMissing').max(1000, 'admin.setPassword.errors.passwordTooLong'),
  confirmPassword: z.string('admin.setPassword.errors.mismatch').max(1000, 'admin.setPassword.errors.mismatch'),
})
