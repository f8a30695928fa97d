import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AuditEvent } from '../../../platform/audit/events.ts'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { formError, type FieldError } from '../../../platform/http/forms.ts'
import type { PlaceProblem } from '../commands.ts'

/** An id from the path; anything else names no record (and PostgreSQL would refuse it as a uuid). */
export function idParam(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name]
  if (value === undefined || !isId(value)) throw notFound()
  return value
}

/** How a page read is audited: as a read of its own, or as the failed change of this request. */
export interface PageAudit {
  action: AuditEvent
  /** `allowed` for a page read; `failed` when the page is shown again with a problem in the form. */
  found: 'allowed' | 'failed'
  details?: Record<string, unknown>
}

export interface Problem {
  /** The form field (or API field) the problem is about. */
  field: string
  /** The content key of the message, and its parameters. */
  key: string
  params?: Record<string, string>
  /** 409 when the world changed under the form (no place, someone else's move); 400 (422 in the API) for what the user chose. */
  conflict: boolean
}

/** What to tell the user about a refused allocation, move or end. `not_found` is a 404 and never gets here. */
export function problemOf(refused: Exclude<PlaceProblem, { problem: 'not_found' }>, fields: { element: string; reason: string; outcome?: string; endReason?: string }): Problem {
  switch (refused.problem) {
    case 'full':
      return { field: fields.element, key: 'allocations.errors.full', params: { element: refused.element.name }, conflict: true }
    case 'reason_required':
      return { field: fields.reason, key: 'allocations.errors.reasonRequired', params: { element: refused.element.name }, conflict: false }
    case 'element_unknown':
      return { field: fields.element, key: 'allocations.errors.elementUnknown', conflict: false }
    case 'same_element':
      return { field: fields.element, key: 'allocations.errors.sameElement', conflict: false }
    case 'keyworker_unknown':
      return { field: 'keyworker', key: 'allocations.allocate.errors.keyworkerUnknown', conflict: false }
    case 'lead_clinician_unknown':
      return { field: 'leadClinician', key: 'allocations.allocate.errors.leadClinicianUnknown', conflict: false }
    case 'team_unknown':
      return { field: 'transferredTeam', key: 'allocations.end.errors.teamMissing', conflict: false }
    case 'starts_on':
      return { field: 'startsOn-day', key: `allocations.allocate.errors.startsOn.${refused.detail}`, conflict: false }
    case 'not_allocatable':
      return { field: fields.element, key: 'allocations.errors.notAllocatable', conflict: true }
    case 'ended':
      return { field: fields.outcome ?? fields.element, key: 'allocations.errors.ended', conflict: true }
    case 'changed':
      return { field: fields.outcome ?? fields.element, key: 'allocations.errors.changed', conflict: true }
    case 'transition':
      // The status machine's own words for a refused move: a missing reason or note is the user's to fix.
      return {
        field: refused.transition === 'note_required' ? 'note' : refused.transition === 'reason_required' || refused.transition === 'reason_unknown' ? (fields.endReason ?? fields.element) : (fields.outcome ?? fields.element),
        key: `allocations.errors.transition.${refused.transition}`,
        conflict: refused.transition === 'not_a_transition' || refused.transition === 'not_permitted',
      }
  }
}

/** The problem as the GOV.UK error summary and the message beside its field show it. */
export function pageProblem(request: FastifyRequest, problem: Problem): { errors: FieldError[]; fieldErrors: Record<string, { text: string }> } {
  return formError(problem.field, request.server.content.t(problem.key, problem.params))
}

/** The problem as the API says it: 409 with a code for a conflict, else 422 on the field. */
export function sendApiProblem(request: FastifyRequest, reply: FastifyReply, refused: PlaceProblem, apiFields: Record<string, string>) {
  if (refused.problem === 'not_found') throw notFound()
  const problem = problemOf(refused, { element: 'element', reason: 'overCapacityReason' })
  const message = request.server.content.t(problem.key, problem.params)
  if (refused.problem === 'full') return reply.code(409).send({ error: 'no_free_places', message, elementId: refused.element.id })
  if (problem.conflict) return reply.code(409).send({ error: refused.problem === 'transition' ? refused.transition : refused.problem, message })
  return reply.code(422).send({ errors: [{ field: apiFields[problem.field] ?? problem.field, message }] })
}
