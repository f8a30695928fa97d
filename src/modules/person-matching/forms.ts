import { z } from 'zod'
import { readPersonFields } from '../people/index.ts'
import type { MatchCandidate } from './repository.ts'

/** The candidate's fields as the possible-match page posts them (hidden inputs), in the people module's names. */
export const candidateFields = ['given_name', 'family_name', 'date_of_birth', 'nhs_number', 'pnc_id', 'prison_number', 'crn'] as const

/**
 * The person the user was about to record, read again on the server from what the form
 * posted, by the people module's one reading of typed fields (identifiers normalised as
 * identifiers.ts does). The possible-match page only offers details that passed that
 * reading, so anything it refuses now was altered on the way: null, and nothing is matched.
 */
export function readCandidate(body: unknown): MatchCandidate | null {
  const posted = (body ?? {}) as Record<string, unknown>
  const fields = Object.fromEntries(candidateFields.map((name) => [name, typeof posted[name] === 'string' ? posted[name] : undefined]))
  const reading = readPersonFields(fields)
  if (!reading.ok) return null
  const { givenName, familyName, dateOfBirth, identifiers } = reading.value
  return { givenName, familyName, dateOfBirth, identifiers }
}

const problem = (name: string) => `personMatching.request.errors.${name}`

export const reasonField = z
  .string({ error: problem('reasonTooShort') })
  .trim()
  .min(10, problem('reasonTooShort'))
  .max(2000, problem('reasonTooLong'))

export const accessRequestForm = z.object({ reason: reasonField })

/** The JSON body of `POST /api/v1/people/access-requests`. */
export const accessRequestApiBody = z.object({
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  nhsNumber: z.string().optional(),
  pncId: z.string().optional(),
  prisonNumber: z.string().optional(),
  crn: z.string().optional(),
  reason: reasonField,
})

/** The answer to every accepted request, whatever was found: it reveals nothing. */
export const accessRequestApiResponse = z.object({ message: z.string() })

/** What to fix in a refused request. */
export const accessRequestApiProblem = z.object({ errors: z.array(z.object({ field: z.string(), message: z.string() })) })

/** The API body in the form's field names, so both are read by `readCandidate`. */
export function candidateFieldsOf(body: z.infer<typeof accessRequestApiBody>): Record<(typeof candidateFields)[number], string | undefined> {
  return {
    given_name: body.givenName,
    family_name: body.familyName,
    date_of_birth: body.dateOfBirth,
    nhs_number: body.nhsNumber,
    pnc_id: body.pncId,
    prison_number: body.prisonNumber,
    crn: body.crn,
  }
}

const decisionProblem = (name: string) => `personMatching.decision.errors.${name}`

export const decisionForm = z
  .object({
    decision: z.enum(['granted', 'declined'], decisionProblem('decisionMissing')),
    note: z
      .string({ error: decisionProblem('noteTooLong') })
      .trim()
      .max(2000, decisionProblem('noteTooLong'))
      .optional()
      .transform((note) => note || null),
  })
  // The requester is told why not; a grant says how the team will share, which is worth a line too but not required.
  .refine((decision) => decision.decision === 'granted' || decision.note !== null, { path: ['note'], message: decisionProblem('noteMissing') })
