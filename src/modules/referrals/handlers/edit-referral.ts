import type { FastifyReply } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import type { TypedFields } from '../../people/index.ts'
import { fieldsOf, formChoices, type FormChoices } from '../answers.ts'
import { changeReferral } from '../commands.ts'
import { submittedWith } from '../forms.ts'
import { referralsPaths } from '../paths.ts'
import { findReferralDetail, type ReferralDetail } from '../repository.ts'
import { editableStatuses } from '../rules.ts'
import { idParam, pageProblems, renderForm, typedFields, type PageProblems, type ReferralRequest } from './referral-form.ts'

function renderEdit(reply: FastifyReply, referral: ReferralDetail, choices: FormChoices, values: TypedFields, problems?: PageProblems, status?: number) {
  return renderForm(reply, {
    person: { id: referral.person_id, name: referral.given_name === null ? null : `${referral.given_name} ${referral.family_name}` },
    choices,
    values,
    referral: { id: referral.id, status: referral.status, serviceName: referral.service_name, elementName: referral.element_name },
    ...(problems ? { problems } : {}),
    ...(status ? { status } : {}),
  })
}

/** The answers of a draft, or of a referral the service asked more about, to change: the referrer's side only. */
export async function showEditReferral(request: ReferralRequest, reply: FastifyReply) {
  const referralId = idParam(request, 'referralId')
  const scope = request.scope!
  const found = await inTransaction(request.server.database.db, async (tx) => {
    const referral = await findReferralDetail(tx, scope, referralId)
    const mine = referral !== undefined && referral.sides.includes('referrer')
    await auditRequest(tx, request, { action: 'referral.view', outcome: mine ? 'allowed' : 'denied', personId: referral?.person_id, recordType: 'referral', recordId: referralId })
    return mine ? { referral, choices: await formChoices(tx, request.principal!, scope) } : null
  })
  if (!found) throw notFound()
  if (!editableStatuses.includes(found.referral.status)) return reply.redirect(referralsPaths.referral({ referralId }), 303)
  return renderEdit(reply, found.referral, found.choices, fieldsOf(found.referral))
}

export async function updateReferral(request: ReferralRequest, reply: FastifyReply) {
  const referralId = idParam(request, 'referralId')
  const fields = typedFields(request.body)
  const changed = await changeReferral(request, referralId, fields, submittedWith(fields))
  const { content } = request.server
  switch (changed.state) {
    case 'notFound':
      throw notFound()
    case 'closed':
    case 'done':
      return reply.redirect(referralsPaths.referral({ referralId }), 303)
    case 'stale':
      // Shown again as the referral now is, so the user can see what changed and make their change again.
      return renderEdit(reply, changed.referral, changed.choices, fieldsOf(changed.referral), pageProblems(content, changed.problems), 409)
    case 'invalid':
      return renderEdit(reply, changed.referral, changed.choices, fields, pageProblems(content, changed.problems), 400)
  }
}
