import { z } from 'zod'
import { uuidPattern } from '../../platform/db/ids.ts'

const problem = (name: string) => `personMerge.errors.${name}`

const duplicateId = z
  .string({ error: problem('duplicateIdMissing') })
  .trim()
  .toLowerCase()
  .min(1, problem('duplicateIdMissing'))
  .regex(uuidPattern, problem('duplicateIdInvalid'))

/** The Pathways ID of the duplicate, pasted on the choose page. */
export const duplicateLookupForm = z.object({ duplicateId })

/** The confirmation: which record merges into this one, and why the user is sure they are the same person. */
export const mergeForm = z.object({
  duplicateId,
  reason: z.string({ error: problem('reasonMissing') }).trim().min(1, problem('reasonMissing')).max(2000, problem('reasonTooLong')),
})
