import type { FastifyRequest } from 'fastify'
import { auditRequest } from '../../platform/audit/index.ts'
import { inTransaction } from '../../platform/db/database.ts'
import { isId } from '../../platform/db/ids.ts'
import { caseloadQuery, waitingListQuery } from './forms.ts'
import {
  caseloadElements,
  caseloadPage,
  elementPlaces,
  ownTeam,
  serviceDeliveredBy,
  teamWorkerCounts,
  waitingListPage,
  type CaseloadElement,
  type CaseloadFilter,
  type CaseloadOwner,
  type CaseloadRow,
  type ElementPlaces,
  type ServiceRow,
  type TeamRow,
  type WaitingEntry,
  type WaitingListFilter,
  type WorkerCount,
} from './repository.ts'

/*
 * The waiting list and caseloads, read once for the pages and the API: the filters from the
 * query string, the caller's right to the list checked in SQL (out of reach is "not found",
 * audited as a denial), and one audit row for the page read.
 */

export interface WaitingList {
  service: ServiceRow
  elements: ElementPlaces[]
  filter: WaitingListFilter
  entries: WaitingEntry[]
  total: number
}

export function readWaitingList(request: FastifyRequest, serviceId: string): Promise<WaitingList | undefined> {
  const query = waitingListQuery.parse(request.query ?? {})
  const filter: WaitingListFilter = { serviceId, elementId: query.element, urgency: query.urgency, sort: query.sort ?? 'position', page: query.page ?? 1 }
  return inTransaction(request.server.database.db, async (tx) => {
    const service = isId(serviceId) ? await serviceDeliveredBy(tx, request.scope!, serviceId) : undefined
    if (!service) {
      await auditRequest(tx, request, { action: 'allocation.waiting-list.view', outcome: 'denied', ...(isId(serviceId) ? { recordType: 'service', recordId: serviceId } : {}) })
      return undefined
    }
    const elements = await elementPlaces(tx, serviceId)
    const { entries, total } = await waitingListPage(tx, request.scope!, filter)
    await auditRequest(tx, request, {
      action: 'allocation.waiting-list.view',
      outcome: 'allowed',
      recordType: 'service',
      recordId: serviceId,
      details: { elementId: filter.elementId ?? null, urgency: filter.urgency ?? null, page: filter.page, shown: entries.length },
    })
    return { service, elements, filter, entries, total }
  })
}

export interface Caseload {
  /** The team whose caseload this is; absent for the caller's own. */
  team?: TeamRow
  workers: WorkerCount[]
  elements: CaseloadElement[]
  filter: CaseloadFilter
  rows: CaseloadRow[]
  total: number
}

function caseloadFilter(request: FastifyRequest, options: { byWorker: boolean }): CaseloadFilter {
  const query = caseloadQuery.parse(request.query ?? {})
  return {
    elementId: query.element,
    workerId: options.byWorker ? query.worker : undefined,
    status: query.status ?? 'active',
    sort: query.sort ?? 'started',
    // Started: newest first unless asked otherwise; names and elements from A.
    order: query.order ?? (query.sort === undefined || query.sort === 'started' ? 'desc' : 'asc'),
    page: query.page ?? 1,
  }
}

/** The places the caller holds as keyworker or lead clinician. */
export function readOwnCaseload(request: FastifyRequest): Promise<Caseload> {
  const filter = caseloadFilter(request, { byWorker: false })
  const owner: CaseloadOwner = { kind: 'worker', userId: request.principal!.userId }
  return inTransaction(request.server.database.db, async (tx) => {
    const elements = await caseloadElements(tx, owner)
    const { rows, total } = await caseloadPage(tx, request.scope!, owner, filter)
    await auditRequest(tx, request, { action: 'caseload.view', outcome: 'allowed', details: { owner: 'worker', status: filter.status, page: filter.page, shown: rows.length } })
    return { workers: [], elements, filter, rows, total }
  })
}

/** A team's caseload, for its members only: its service's places and whatever its members hold elsewhere. */
export function readTeamCaseload(request: FastifyRequest, teamId: string): Promise<Caseload | undefined> {
  const filter = caseloadFilter(request, { byWorker: true })
  return inTransaction(request.server.database.db, async (tx) => {
    const team = isId(teamId) ? await ownTeam(tx, request.scope!, teamId) : undefined
    if (!team) {
      await auditRequest(tx, request, { action: 'caseload.view', outcome: 'denied', ...(isId(teamId) ? { recordType: 'team', recordId: teamId } : {}) })
      return undefined
    }
    const owner: CaseloadOwner = { kind: 'team', teamId, serviceId: team.service_id }
    const workers = await teamWorkerCounts(tx, teamId)
    const elements = await caseloadElements(tx, owner)
    const { rows, total } = await caseloadPage(tx, request.scope!, owner, filter)
    await auditRequest(tx, request, { action: 'caseload.view', outcome: 'allowed', recordType: 'team', recordId: teamId, details: { owner: 'team', status: filter.status, page: filter.page, shown: rows.length } })
    return { team, workers, elements, filter, rows, total }
  })
}
