import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { purposes } from '../../../platform/auth/scope.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { agreementForm, checkedList } from '../forms.ts'
import { accessPaths } from '../paths.ts'
import { createAgreement, partnerOrganisations } from '../repository.ts'
import { dataCategories, isHealthOnly } from '../rules.ts'
import { fieldProblem, organisationOf, type FormProblem } from './lookups.ts'

type Partners = Awaited<ReturnType<typeof partnerOrganisations>>

const categoryChoices = dataCategories.map((category) => ({ category, healthOnly: isHealthOnly(category) }))

function renderForm(reply: FastifyReply, partners: Partners, body: unknown, problem?: FormProblem) {
  const typed = (body ?? {}) as Record<string, unknown>
  // Ticked boxes come back as lists, whether one or several were ticked.
  const values = { ...typed, parties: checkedList(typed.parties), purposes: checkedList(typed.purposes), categories: checkedList(typed.categories) }
  return reply.code(problem ? 400 : 200).view('access/views/new-agreement.njk', { partners, purposes, categories: categoryChoices, values, ...problem })
}

export async function showNewAgreement(request: FastifyRequest, reply: FastifyReply) {
  return renderForm(reply, await partnerOrganisations(request.server.database.db, organisationOf(request)), {})
}

export async function addAgreement(request: FastifyRequest, reply: FastifyReply) {
  const { db } = request.server.database
  const organisationId = organisationOf(request)
  const partners = await partnerOrganisations(db, organisationId)
  const form = parseForm(agreementForm, request.body, request.server.content)
  if (!form.ok) return renderForm(reply, partners, request.body, form)
  // The form offers only the other organisations; anything else is a tampered form or a stale page.
  if (!form.value.parties.every((party) => partners.some((partner) => partner.id === party))) {
    return renderForm(reply, partners, request.body, fieldProblem(request, 'parties', 'access.newAgreement.errors.partyUnknown'))
  }
  const agreementId = await inTransaction(db, async (tx) => {
    const id = await createAgreement(tx, organisationId, form.value)
    const { parties, purposes: chosenPurposes, categories, startsOn, endsOn } = form.value
    await auditRequest(tx, request, {
      action: 'access.agreement.create',
      outcome: 'allowed',
      recordType: 'sharing_agreement',
      recordId: id,
      details: { parties, purposes: chosenPurposes, categories, startsOn, endsOn },
    })
    return id
  })
  return reply.redirect(accessPaths.agreement({ agreementId }), 303)
}
