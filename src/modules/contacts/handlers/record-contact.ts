import type { FastifyReply, FastifyRequest } from 'fastify'
import { codeList } from '../../../platform/content/code-lists.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { formError, parseForm } from '../../../platform/http/forms.ts'
import type { Tx } from '../../../platform/db/database.ts'
import { caseIdOf, readCaseSection, renderCaseSection, type CaseView, type SectionRead } from '../../casework/index.ts'
import { recordCaseContact } from '../commands.ts'
import { contactForm, problem } from '../forms.ts'
import { contactsPaths } from '../paths.ts'
import { currentTierOf } from '../repository.ts'
import { caseContactKinds, kindFitsTier, type ContactKind } from '../rules.ts'
import { loadCaseForm, problemFields } from './case-form.ts'
import { dateBoxes, outcomeChoices, outcomeErrors, type PageProblems } from './wording.ts'

type Form = { tier: string | null }

const loadTier = async (tx: Tx, caseView: CaseView): Promise<Form> => ({ tier: await currentTierOf(tx, caseView.id) })

function render(reply: FastifyReply, read: SectionRead<Form>, values: Record<string, unknown>, problems?: PageProblems, status = 200) {
  const tier = read.section?.tier ?? null
  // The kinds the case can have now: a tier's own kind only while the case is in that tier.
  const kinds = codeList('contact_kind').codes.filter((code) => (caseContactKinds as readonly string[]).includes(code.code) && kindFitsTier(code.code as ContactKind, tier))
  return renderCaseSection(reply, 'contacts/views/record.njk', read, 'contacts', { kinds, choices: outcomeChoices(true), values, errors: problems?.errors, fieldErrors: problems?.fieldErrors ?? {} }, status)
}

export async function showRecordContact(request: FastifyRequest, reply: FastifyReply) {
  const read = await readCaseSection(request, { action: 'contact.view', categories: ['contact'] }, loadTier)
  return render(reply, read, dateBoxes(request.scope!.now))
}

/** POST: the contact is recorded in the case, planned or with its outcome, and the section shows it. */
export async function recordContact(request: FastifyRequest, reply: FastifyReply) {
  const values = (request.body ?? {}) as Record<string, unknown>
  const { content } = request.server
  const form = parseForm(contactForm(request.scope!.now), request.body, content)
  if (!form.ok) {
    const read = await loadCaseForm(request, { action: 'contact.create', details: problemFields(form.errors) }, loadTier)
    return render(reply, read, values, form, 400)
  }
  const allocationId = caseIdOf(request)
  const outcome = await recordCaseContact(request, allocationId, form.value)
  if (outcome.ok) return reply.redirect(contactsPaths.list({ allocationId }), 303)
  if (outcome.problem === 'not_found') throw notFound()
  const read = await loadCaseForm(request, null, loadTier)
  switch (outcome.problem) {
    case 'wrong_tier':
      return render(reply, read, values, formError('kind', content.t(problem('wrongTier'))), 400)
    case 'outcome':
      return render(reply, read, values, outcomeErrors(content, outcome.problems), 400)
    default:
      // Not shared (the page says so, 403), or the case closed meanwhile (the page says that instead of the form).
      return render(reply, read, values, undefined, 409)
  }
}
