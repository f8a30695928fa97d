import type { FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../../platform/http/errors.ts'
import { readOwnCaseload, readTeamCaseload, type Caseload } from '../lists.ts'
import { allocationsPaths, withQuery } from '../paths.ts'
import { ownTeams, type CaseloadFilter } from '../repository.ts'
import { workerRole } from '../rules.ts'
import { idParam } from './problems.ts'
import { sortHeading } from '../../../platform/views/lists.ts'
import { riskReviewsDue } from '../../risk-plans/index.ts'
import { listedPerson, pagination, placesInWords, statusName } from './wording.ts'

/** The list's URL with the filters kept and `changes` applied; defaults are left out. */
function caseloadHref(list: string, filter: CaseloadFilter, changes: Partial<CaseloadFilter>): string {
  const next = { ...filter, ...changes }
  return withQuery(list, {
    element: next.elementId,
    worker: next.workerId,
    status: next.status === 'active' ? undefined : next.status,
    sort: next.sort,
    order: next.order,
    page: next.page === 1 ? undefined : next.page,
  })
}

/** What both caseload pages show: the places, the list sorted and paged on the server, and per-element counts. */
function caseloadView(request: FastifyRequest, caseload: Caseload, list: string) {
  const { content } = request.server
  const { filter } = caseload
  const userId = request.principal!.userId
  const href = (changes: Partial<CaseloadFilter>) => caseloadHref(list, filter, changes)
  const heading = (text: string, column: CaseloadFilter['sort']) => sortHeading(text, column, filter, 'asc', (sort, order) => href({ sort, order, page: 1 }))
  const mayManage = request.principal!.capabilities.has('allocation:manage')
  return {
    filter,
    list,
    elements: caseload.elements.map((element) => ({ ...element, places: placesInWords(content, element) })),
    rows: caseload.rows.map((row) => ({
      ...row,
      person: listedPerson(content, row),
      role: workerRole(row, userId),
      endedAs: row.ended_reason === null ? null : row.ended_reason === 'moved' ? content.t('allocations.place.moved') : statusName(content, row.ended_reason),
      ...(mayManage && row.status === 'active' ? { moveHref: allocationsPaths.move({ allocationId: row.id }), endHref: allocationsPaths.end({ allocationId: row.id }) } : {}),
    })),
    headings: {
      person: heading(content.t('allocations.list.person'), 'person'),
      element: heading(content.t('allocations.place.element'), 'element'),
      started: heading(content.t('allocations.place.since'), 'started'),
    },
    pagination: pagination(content, filter.page, caseload.rows.length, caseload.total, (page) => href({ page })),
  }
}

/** The caller's own caseload: the places they hold as keyworker or lead clinician, and links to their teams'. */
export async function showCaseload(request: FastifyRequest, reply: FastifyReply) {
  const caseload = await readOwnCaseload(request)
  const teams = await ownTeams(request.server.database.db, request.scope!)
  // The same people as the caseload just read (and audited): those the caller holds.
  const riskReviews = await riskReviewsDue(request.server.database.db, request.scope!, { userId: request.principal!.userId, before: request.scope!.today })
  return reply.view('allocations/views/caseload.njk', {
    ...caseloadView(request, caseload, allocationsPaths.caseload()),
    teams,
    riskReviews,
    mayManage: request.principal!.capabilities.has('allocation:manage'),
  })
}

/** A team's caseload, for its members: per worker and per element, then every place. */
export async function showTeamCaseload(request: FastifyRequest<{ Params: { teamId: string } }>, reply: FastifyReply) {
  const teamId = idParam(request, 'teamId')
  const caseload = await readTeamCaseload(request, teamId)
  if (!caseload?.team) throw notFound()
  // Cases of the service the team delivers: within the team caseload just read (and audited).
  const riskReviews = await riskReviewsDue(request.server.database.db, request.scope!, { teamIds: [teamId], before: request.scope!.today })
  return reply.view('allocations/views/team-caseload.njk', {
    ...caseloadView(request, caseload, allocationsPaths.teamCaseload({ teamId })),
    team: caseload.team,
    riskReviews,
    workers: caseload.workers,
    mayManage: request.principal!.capabilities.has('allocation:manage'),
  })
}
