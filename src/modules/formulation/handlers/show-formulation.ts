import type { FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../../platform/http/errors.ts'
import { idParam } from '../../../platform/http/params.ts'
import { readCaseSection, renderCaseSection, type CaseView } from '../../casework/index.ts'
import { clinicalSections, sharedSections } from '../rules.ts'
import { loadFormulation } from '../sections.ts'

export const formulationCategories = ['formulation', 'clinical_formulation'] as const

/** What the formulation page says it may show and offer, besides the formulation itself. */
export function formulationAccess(request: FastifyRequest, caseView: CaseView) {
  return {
    readsShared: caseView.readable.has('formulation'),
    readsClinical: caseView.readable.has('clinical_formulation'),
    mayWrite: request.principal!.capabilities.has('casework:write') && caseView.status === 'active',
  }
}

async function show(request: FastifyRequest, reply: FastifyReply, formulationId?: string) {
  const read = await readCaseSection(request, { action: 'formulation.view', categories: formulationCategories }, (tx, caseView) => loadFormulation(tx, caseView, formulationId))
  // A version id that is not one of this case's versions names nothing here.
  if (formulationId !== undefined && read.section && !read.section.shown) throw notFound()
  return renderCaseSection(reply, 'formulation/views/formulation.njk', read, 'formulation', { formulation: read.section, formulationSections: { shared: sharedSections, clinical: clinicalSections }, ...formulationAccess(request, read.caseView), oldVersion: read.section?.shown !== undefined && read.section.shown.version !== read.section.latestVersion })
}

/** The latest version of the formulation: the shared part, and the clinical part for clinical readers. */
export function showFormulation(request: FastifyRequest, reply: FastifyReply) {
  return show(request, reply)
}

/** An earlier version, shown the same way. */
export function showFormulationVersion(request: FastifyRequest, reply: FastifyReply) {
  return show(request, reply, idParam(request, 'formulationId'))
}
