import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { forbidden } from '../../../platform/http/errors.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { breakGlassReviewForm } from '../forms.ts'
import { accessPaths } from '../paths.ts'
import { recordBreakGlassReview } from '../repository.ts'
import { reviewRefusal } from '../rules.ts'
import { organisationOf, ownStaffBreakGlassUse } from './lookups.ts'

const template = 'access/views/break-glass-use.njk'

/** One use of break-glass with the review form, or the review already recorded. Its reason is about a person, so the read is audited. */
export async function showBreakGlassUse(request: FastifyRequest, reply: FastifyReply) {
  const use = await inTransaction(request.server.database.db, async (tx) => {
    const found = await ownStaffBreakGlassUse(request, tx)
    await auditRequest(tx, request, { action: 'access.break-glass.view', outcome: 'allowed', personId: found.person_id, recordType: 'break_glass', recordId: found.id })
    return found
  })
  return reply.view(template, { use, refusal: reviewRefusal(use, request.principal!.userId), values: {} })
}

export async function reviewBreakGlassUse(request: FastifyRequest, reply: FastifyReply) {
  const { db } = request.server.database
  const use = await ownStaffBreakGlassUse(request)
  const reviewerId = request.principal!.userId
  const refusal = reviewRefusal(use, reviewerId)
  if (refusal === 'own_use') throw forbidden('nobody reviews their own use of break-glass')
  const target = { personId: use.person_id, recordType: 'break_glass', recordId: use.id }
  const form = parseForm(breakGlassReviewForm, request.body, request.server.content)
  if (!form.ok) {
    // The page shown again carries the reason, so the failed attempt is audited as well.
    await inTransaction(db, (tx) => auditRequest(tx, request, { action: 'access.break-glass.review', outcome: 'failed', ...target, details: { problems: form.errors.map((error) => error.field) } }))
    return reply.code(400).view(template, { use, refusal, values: request.body, ...form })
  }
  await inTransaction(db, async (tx) => {
    const review = { reviewerId, outcome: form.value.outcome, note: form.value.note, at: new Date().toISOString() }
    // Already reviewed (a second click, or another reviewer first): the page shows the review that stands.
    if (!(await recordBreakGlassReview(tx, organisationOf(request), use.id, review))) return
    await auditRequest(tx, request, { action: 'access.break-glass.review', outcome: 'allowed', ...target, details: { outcome: review.outcome, userId: use.user_id } })
  })
  return reply.redirect(accessPaths.breakGlassUse({ breakGlassId: use.id }), 303)
}
