import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { allocationsPaths } from '../paths.ts'
import { allocationInScope, elementPlaces, ownServiceTeam, type AllocationInScope, type ElementPlaces } from '../repository.ts'
import { idParam, type PageAudit, type pageProblem } from './problems.ts'
import { listedPerson, placesInWords } from './wording.ts'

/*
 * The pages about one active place (moving it, ending it): the allocation in the caller's
 * scope, on its service side, with the service's elements; the read audited unless the
 * command of the same request already was.
 */

export type AllocationRequest = FastifyRequest<{ Params: { allocationId: string }; Body: unknown }>

export interface AllocationPage {
  allocation: AllocationInScope
  elements: ElementPlaces[]
}

export function allocationIdOf(request: AllocationRequest): string {
  return idParam(request, 'allocationId')
}

export async function loadAllocationPage(request: FastifyRequest, allocationId: string, audit: PageAudit | null): Promise<AllocationPage> {
  const page = await inTransaction(request.server.database.db, async (tx) => {
    const allocation = await allocationInScope(tx, request.scope!, allocationId)
    const elements = allocation ? await elementPlaces(tx, allocation.service_id) : []
    if (audit) {
      await auditRequest(tx, request, { action: audit.action, outcome: allocation ? audit.found : 'denied', ...(allocation ? { personId: allocation.person_id } : {}), recordType: 'allocation', recordId: allocationId, ...(audit.details ? { details: audit.details } : {}) })
    }
    return allocation && { allocation, elements }
  })
  if (!page) throw notFound()
  return page
}

export type Shown = { status?: number; values?: Record<string, unknown> } & Partial<ReturnType<typeof pageProblem>>

/** What every page about a place shows: whose it is, where, and the elements with their places. */
export function allocationView(request: FastifyRequest, { allocation, elements }: AllocationPage, shown: Shown) {
  const { status = 200, values = {}, ...problems } = shown
  const { content } = request.server
  return {
    status,
    context: {
      allocation,
      person: listedPerson(content, allocation),
      elements: elements.map((element) => ({ ...element, places: placesInWords(content, element) })),
      values,
      ...problems,
    },
  }
}

/** After a place is taken, moved or ended: the caseload of the caller's team delivering the service, newest place first. */
export async function redirectToCaseload(request: FastifyRequest, reply: FastifyReply, serviceId: string) {
  const team = await ownServiceTeam(request.server.database.db, request.scope!, serviceId)
  return reply.redirect(team ? allocationsPaths.teamCaseload({ teamId: team.id }) : allocationsPaths.caseload(), 303)
}
