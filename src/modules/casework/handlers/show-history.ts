import type { FastifyReply, FastifyRequest } from 'fastify'
import { dataCategoryNames } from '../../../platform/auth/scope.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { pageCount, paginationLinks, requestedPage } from '../../../platform/views/lists.ts'
import { timelineKindInWords } from '../../people/index.ts'
import { readCaseSection, renderCaseSection } from '../case.ts'
import { caseworkPaths } from '../paths.ts'
import { caseHistory, caseHistoryCount } from '../repository.ts'

export const historyPageSize = 50

/** Everything that happened in the case, newest first, in the categories the caller may read. */
export async function showHistory(request: FastifyRequest, reply: FastifyReply) {
  const page = requestedPage(request.query)
  const read = await readCaseSection(request, { action: 'case.history.view', categories: dataCategoryNames }, async (tx, caseView) => ({
    events: await caseHistory(tx, caseView.id, caseView.readable, { limit: historyPageSize, offset: (page - 1) * historyPageSize }),
    total: await caseHistoryCount(tx, caseView.id, caseView.readable),
  }))
  const pages = pageCount(read.section?.total ?? 0, historyPageSize)
  if (page > pages) throw notFound()
  const { content } = request.server
  const href = (number: number) => (number > 1 ? `${caseworkPaths.history({ allocationId: read.caseView.id })}?page=${number}` : caseworkPaths.history({ allocationId: read.caseView.id }))
  return renderCaseSection(reply, 'casework/views/history.njk', read, 'history', {
    events: (read.section?.events ?? []).map((event) => ({ ...event, description: timelineKindInWords(event.kind, content) })),
    pagination: paginationLinks(page, pages, href),
  })
}
