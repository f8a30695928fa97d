import type { FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../../platform/http/errors.ts'
import { pageCount, paginationLinks, requestedPage } from '../../../platform/views/lists.ts'
import { readCaseSection, renderCaseSection } from '../../casework/index.ts'
import { contactsPaths } from '../paths.ts'
import { caseContactsPage, pageSize, serviceDeliveredBy, type CaseContactRow } from '../repository.ts'
import { isPast } from '../rules.ts'

/** One page of the case's contacts, and whether the caller's team delivers the case's service (so plans groups and takes attendance). */
export function readCaseContacts(request: FastifyRequest, page: number) {
  return readCaseSection(request, { action: 'contact.view', categories: ['contact'] }, async (tx, caseView) => ({
    ...(await caseContactsPage(tx, caseView.id, page)),
    deliversService: (await serviceDeliveredBy(tx, request.scope!, caseView.service_id)) !== undefined,
  }))
}

/** The contacts section: what is coming up, then what has happened (or is overdue), newest first. */
export async function showContacts(request: FastifyRequest, reply: FastifyReply) {
  const page = requestedPage(request.query)
  const read = await readCaseContacts(request, page)
  const total = read.section?.total ?? 0
  const pages = pageCount(total, pageSize)
  if (page > pages) throw notFound()
  const { caseView } = read
  const allocationId = caseView.id
  const now = request.scope!.now
  const mayRecord = caseView.status === 'active' && request.principal!.capabilities.has('casework:write')
  const deliversService = mayRecord && read.section?.deliversService === true
  const decorated = (read.section?.rows ?? []).map((row: CaseContactRow) => ({
    ...row,
    overdue: row.outcome === null && isPast(row.occurs_at, now),
    outcomeHref: mayRecord && row.outcome === null ? contactsPaths.outcome({ allocationId, contactId: row.id }) : undefined,
    attendanceHref: deliversService && row.kind === 'group_session' ? contactsPaths.attendance({ contactId: row.id }) : undefined,
  }))
  const list = contactsPaths.list({ allocationId })
  return renderCaseSection(reply, 'contacts/views/contacts.njk', read, 'contacts', {
    upcoming: decorated.filter((row) => row.outcome === null && !row.overdue),
    past: decorated.filter((row) => row.outcome !== null || row.overdue),
    pagination: paginationLinks(page, pages, (number) => (number > 1 ? `${list}?page=${number}` : list)),
    recordHref: mayRecord ? contactsPaths.record({ allocationId }) : undefined,
    groupHref: deliversService ? `${contactsPaths.newGroup({ serviceId: caseView.service_id })}?${new URLSearchParams({ element: caseView.element_id }).toString()}` : undefined,
  })
}
