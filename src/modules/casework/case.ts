import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest, type AuditEvent } from '../../platform/audit/index.ts'
import { readableCategories, type DataCategory } from '../../platform/auth/scope.ts'
import { inTransaction, type Tx } from '../../platform/db/database.ts'
import { notFound } from '../../platform/http/errors.ts'
import { idParam } from '../../platform/http/params.ts'
import { findCase, type CaseRow } from './repository.ts'

/*
 * The one way every section of a case page (in this module and the section modules) finds
 * its case: the allocation named by `:allocationId`, if its person is in the caller's scope,
 * with the data categories the caller may read of that person — all in the transaction that
 * loads the section and writes its audit row.
 */

export interface CaseView extends CaseRow {
  /** The data categories of this person the caller may read (scope.ts readableCategories). */
  readable: ReadonlySet<DataCategory>
}

export function caseIdOf(request: FastifyRequest): string {
  return idParam(request, 'allocationId')
}

/** Finds the case in the caller's scope inside `tx`, with what they may read of it. */
export async function findCaseView(tx: Tx, request: FastifyRequest, allocationId: string): Promise<CaseView | undefined> {
  const found = await findCase(tx, request.scope!, allocationId)
  return found && { ...found, readable: await readableCategories(tx, request.scope!, found.person_id) }
}

export interface SectionRead<Section> {
  caseView: CaseView
  /** Undefined when the caller may read none of the section's categories. */
  section: Section | undefined
}

/**
 * Reads one section of a case in one transaction with its audit row: "denied" and not found
 * when the case is out of scope; "denied" with the case header only when the caller may read
 * none of `categories` (the page then says the section is not shared with them).
 */
export async function readCaseSection<Section>(request: FastifyRequest, read: { action: AuditEvent; categories: readonly DataCategory[] }, load: (tx: Tx, caseView: CaseView) => Promise<Section>): Promise<SectionRead<Section>> {
  const allocationId = caseIdOf(request)
  const result = await inTransaction(request.server.database.db, async (tx) => {
    const caseView = await findCaseView(tx, request, allocationId)
    const allowed = caseView !== undefined && read.categories.some((category) => caseView.readable.has(category))
    const section = caseView && allowed ? await load(tx, caseView) : undefined
    await auditRequest(tx, request, {
      action: read.action,
      outcome: allowed ? 'allowed' : 'denied',
      ...(caseView ? { personId: caseView.person_id } : {}),
      recordType: 'allocation',
      recordId: allocationId,
    })
    return caseView && { caseView, section }
  })
  if (!result) throw notFound()
  return result
}

/** Which sections the case's sub-navigation shows, by the categories the caller may read. */
export const caseSections = [
  { key: 'overview', categories: [] },
  { key: 'formulation', categories: ['formulation', 'clinical_formulation'] },
  { key: 'plan', categories: ['plan'] },
  { key: 'contacts', categories: ['contact'] },
  { key: 'notes', categories: ['case_note', 'clinical_note'] },
  { key: 'risk', categories: ['risk'] },
  { key: 'outcomes', categories: ['outcome_measure'] },
  { key: 'documents', categories: ['case_note', 'clinical_note'] },
  { key: 'history', categories: [] },
] as const satisfies ReadonlyArray<{ key: string; categories: readonly DataCategory[] }>

export type CaseSectionKey = (typeof caseSections)[number]['key']

/** What the case layout (casework/views/case-layout.njk) needs: the header and the sections to link to. */
export function caseContext(caseView: CaseView, current: CaseSectionKey) {
  const readable = Object.fromEntries([...caseView.readable].map((category) => [category, true]))
  return {
    case: caseView,
    readable,
    currentSection: current,
    sections: caseSections.filter((section) => section.categories.length === 0 || section.categories.some((category: DataCategory) => caseView.readable.has(category))).map((section) => section.key),
  }
}

/**
 * Renders a section page inside the case layout. When the section was not readable the
 * page says so with 403, whatever template was asked for.
 */
export function renderCaseSection<Section>(reply: FastifyReply, template: string, read: SectionRead<Section>, current: CaseSectionKey, context: Record<string, unknown> = {}, status = 200) {
  if (read.section === undefined) return reply.code(403).view('casework/views/not-shared.njk', caseContext(read.caseView, current))
  return reply.code(status).view(template, { ...caseContext(read.caseView, current), ...context })
}
