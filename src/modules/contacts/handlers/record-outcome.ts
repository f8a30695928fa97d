import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Tx } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { idParam } from '../../../platform/http/params.ts'
import { caseIdOf, readCaseSection, renderCaseSection, type CaseView, type SectionRead } from '../../casework/index.ts'
import { recordCaseOutcome } from '../commands.ts'
import { outcomeForm } from '../forms.ts'
import { contactsPaths } from '../paths.ts'
import { caseContact, type CaseContact } from '../repository.ts'
import { isPast } from '../rules.ts'
import { loadCaseForm } from './case-form.ts'
import { outcomeChoices, outcomeErrors, type PageProblems } from './wording.ts'

type Form = { contact: CaseContact | undefined }

const loadContact = (contactId: string) => async (tx: Tx, caseView: CaseView): Promise<Form> => ({ contact: await caseContact(tx, caseView.id, contactId) })

function render(request: FastifyRequest, reply: FastifyReply, read: SectionRead<Form>, values: Record<string, unknown>, problems?: PageProblems, status = 200) {
  const contact = read.section?.contact
  // A contact of another case (or none) is not found here, whatever the caller may see elsewhere.
  if (read.section && !contact) throw notFound()
  return renderCaseSection(reply, 'contacts/views/outcome.njk', read, 'contacts', {
    contact,
    choices: outcomeChoices(contact !== undefined && isPast(contact.occurs_at, request.scope!.now)),
    values,
    errors: problems?.errors,
    fieldErrors: problems?.fieldErrors ?? {},
  }, status)
}

export async function showRecordOutcome(request: FastifyRequest, reply: FastifyReply) {
  const read = await readCaseSection(request, { action: 'contact.view', categories: ['contact'] }, loadContact(idParam(request, 'contactId')))
  return render(request, reply, read, {})
}

/** POST: what happened at a planned contact, for this case's person; back to the contacts section. */
export async function recordOutcome(request: FastifyRequest, reply: FastifyReply) {
  const allocationId = caseIdOf(request)
  const contactId = idParam(request, 'contactId')
  const values = (request.body ?? {}) as Record<string, unknown>
  // The outcome's fields cannot fail on their own; the rules check them against the contact's time.
  const outcome = await recordCaseOutcome(request, allocationId, contactId, outcomeForm.parse(request.body ?? {}))
  if (outcome.ok) return reply.redirect(contactsPaths.list({ allocationId }), 303)
  if (outcome.problem === 'not_found') throw notFound()
  const read = await loadCaseForm(request, null, loadContact(contactId))
  if (outcome.problem === 'outcome') return render(request, reply, read, values, outcomeErrors(request.server.content, outcome.problems), 400)
  // Not shared (403), already recorded or the case closed meanwhile: the page shows which.
  return render(request, reply, read, values, undefined, 409)
}
