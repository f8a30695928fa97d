import type { FastifyReply } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { noteForm } from '../forms.ts'
import { referralsPaths } from '../paths.ts'
import { addNote, findReferralInScope } from '../repository.ts'
import { idParam, type ReferralRequest } from './referral-form.ts'
import { renderReferral } from './show-referral.ts'

/** A note of the receiving service's own: only its members may add one (anyone else: not found). */
export async function addReferralNote(request: ReferralRequest, reply: FastifyReply) {
  const referralId = idParam(request, 'referralId')
  const principal = request.principal!
  const form = parseForm(noteForm, request.body, request.server.content)
  const added = await inTransaction(request.server.database.db, async (tx) => {
    const referral = await findReferralInScope(tx, request.scope!, referralId)
    const audit = (outcome: 'allowed' | 'denied' | 'failed', details?: Record<string, unknown>) =>
      auditRequest(tx, request, { action: 'referral.note.add', outcome, personId: referral?.person_id, recordType: 'referral', recordId: referralId, ...(details ? { details } : {}) })
    if (!referral || !referral.sides.includes('service')) {
      await audit('denied')
      return 'notFound'
    }
    if (!form.ok) {
      await audit('failed', { problems: form.errors.map((error) => error.field) })
      return 'invalid'
    }
    const noteId = await addNote(tx, { referralId, text: form.value.text, authorUserId: principal.userId, authorOrganisationId: principal.organisationId, at: request.scope!.now })
    await audit('allowed', { noteId })
    return 'added'
  })
  if (added === 'notFound') throw notFound()
  if (added === 'added') return reply.redirect(`${referralsPaths.referral({ referralId })}#notes`, 303)
  // The note's box is called "note-text" on the page, beside the moves' own note boxes.
  const errors = form.ok ? [] : form.errors.map((error) => ({ ...error, field: 'note-text', href: '#note-text' }))
  return renderReferral(request, reply, referralId, { move: 'note', values: request.body as Record<string, unknown>, status: 400, problems: { errors, fieldErrors: Object.fromEntries(errors.map((error) => [error.field, { text: error.text }])) } })
}
