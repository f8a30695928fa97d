import type { FastifyReply } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { formChoices, startingFields } from '../answers.ts'
import { makeReferral } from '../commands.ts'
import { submittedWith } from '../forms.ts'
import { referralsPaths } from '../paths.ts'
import { personForReferral } from '../repository.ts'
import { idParam, pageProblems, renderForm, typedFields, type ReferralRequest } from './referral-form.ts'

/** The form to refer a person in the caller's scope; showing their name is a read of their record. */
export async function showNewReferral(request: ReferralRequest, reply: FastifyReply) {
  const personId = idParam(request, 'personId')
  const principal = request.principal!
  const scope = request.scope!
  const page = await inTransaction(request.server.database.db, async (tx) => {
    const person = await personForReferral(tx, scope, personId)
    if (!person) {
      await auditRequest(tx, request, { action: 'person.view', outcome: 'denied', personId })
      return null
    }
    const choices = await formChoices(tx, principal, scope)
    await auditRequest(tx, request, { action: 'person.view', outcome: 'allowed', personId, recordType: 'person', recordId: personId })
    return { person: { id: person.id, name: `${person.given_name} ${person.family_name}` }, choices }
  })
  if (!page) throw notFound()
  return renderForm(reply, { ...page, values: startingFields(principal) })
}

/** "Save as draft" keeps what can be kept; "Submit" needs every answer. Either way the referral's page follows. */
export async function createReferral(request: ReferralRequest, reply: FastifyReply) {
  const personId = idParam(request, 'personId')
  const fields = typedFields(request.body)
  const made = await makeReferral(request, personId, fields, submittedWith(fields))
  switch (made.state) {
    case 'notFound':
      throw notFound()
    case 'invalid':
      return renderForm(reply, { person: made.person, choices: made.choices, values: fields, problems: pageProblems(request.server.content, made.problems), status: 400 })
    case 'done':
      return reply.redirect(referralsPaths.referral({ referralId: made.referralId }), 303)
  }
}
