import type { FastifyReply } from 'fastify'
import type { Content } from '../../../platform/content/content.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { moveReferral, type MoveOutcome } from '../commands.ts'
import { transitionForm } from '../forms.ts'
import { referralsPaths } from '../paths.ts'
import type { ReferralStatus } from '../rules.ts'
import { idParam, type ReferralRequest } from './referral-form.ts'
import { renderReferral } from './show-referral.ts'

/** Where a refused move's problem is shown (the field of that move's form, or the actions as a whole), in which words, with which status. */
export function moveProblem(to: ReferralStatus, problem: Exclude<MoveOutcome, { ok: true }>['problem']): { field: string; key: string; status: number } {
  const field = (name: string) => `${to}-${name}`
  switch (problem) {
    case 'reason_required':
      return { field: field('reason'), key: to === 'declined' || to === 'withdrawn' ? `referrals.transition.problems.reasonRequired.${to}` : 'referrals.transition.problems.reasonRequired.other', status: 400 }
    case 'reason_unknown':
      return { field: field('reason'), key: 'referrals.transition.problems.reasonUnknown', status: 400 }
    case 'note_required':
      return { field: field('note'), key: to === 'information_requested' ? 'referrals.transition.problems.informationNeeded' : 'referrals.transition.problems.noteRequired', status: 400 }
    case 'eligibility_override_required':
      return { field: field('eligibility_override_reason'), key: 'referrals.transition.problems.overrideRequired', status: 400 }
    default:
      // Not a move from here, not this user's to make, overtaken by someone else's, or made elsewhere.
      return { field: 'referral-actions', key: `referrals.transition.problems.${problem}`, status: problem === 'not_found' ? 404 : 409 }
  }
}

function shownAgain(content: Content, move: string, values: Record<string, unknown>, problem: { field: string; key: string; status: number }) {
  const text = content.t(problem.key)
  return { move, values, status: problem.status, problems: { errors: [{ field: problem.field, text, href: `#${problem.field}` }], fieldErrors: { [problem.field]: { text } } } }
}

/** One of the moves the page offers: made and back to the page, or the page again saying what was wrong. */
export async function transitionReferral(request: ReferralRequest, reply: FastifyReply) {
  const referralId = idParam(request, 'referralId')
  const { content } = request.server
  const body = (request.body ?? {}) as Record<string, unknown>
  const form = transitionForm.safeParse(body)
  if (!form.success) {
    const to = typeof body.to === 'string' ? body.to : ''
    const issue = form.error.issues[0]
    const field = issue?.path[0] === 'to' || issue === undefined ? 'referral-actions' : `${to}-${String(issue.path[0])}`
    const key = issue && content.has(issue.message) ? issue.message : 'referrals.transition.errors.unknownMove'
    return renderReferral(request, reply, referralId, shownAgain(content, to, body, { field, key, status: 400 }))
  }
  const { to, reason, note, eligibility_override_reason: eligibilityOverrideReason } = form.data
  const outcome = await inTransaction(request.server.database.db, (tx) => moveReferral(tx, request, referralId, to, { reason, note, eligibilityOverrideReason }))
  if (outcome.ok) return reply.redirect(referralsPaths.referral({ referralId }), 303)
  if (outcome.problem === 'not_found') throw notFound()
  return renderReferral(request, reply, referralId, shownAgain(content, to, body, moveProblem(to, outcome.problem)))
}
