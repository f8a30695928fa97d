import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction, type Tx } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { allocatePlace, movePlace } from '../commands.ts'
import { allocationApiBody, moveApiBody } from '../forms.ts'
import { readOwnCaseload, readWaitingList } from '../lists.ts'
import { allocationInScope, allocationRecord, pageSize, referralForAllocation, type AllocationRecord } from '../repository.ts'
import { daysSince, freePlaces, workerRole } from '../rules.ts'
import { readApiBody, type ApiFieldError } from '../../../platform/http/api-body.ts'
import { idParam, sendApiProblem, type PageAudit } from './problems.ts'

/*
 * The JSON API of waiting lists, places and caseloads: the same reads, commands, scope and
 * audit as the pages. Field problems are 422 `{ errors: [{ field, message }] }`; a full
 * element is 409 `{ error: "no_free_places", message, elementId }`.
 */

function allocationJson(record: AllocationRecord) {
  return {
    id: record.id,
    referralId: record.referral_id,
    personId: record.person_id,
    elementId: record.element_id,
    elementName: record.element_name,
    keyworkerId: record.keyworker_user_id,
    leadClinicianId: record.lead_clinician_user_id,
    status: record.status,
    startedAt: record.started_at,
    overCapacity: record.over_capacity_reason !== null,
  }
}

function personJson(row: { person_id: string; given_name: string | null; family_name: string | null }) {
  return row.given_name === null || row.family_name === null ? null : { id: row.person_id, givenName: row.given_name, familyName: row.family_name }
}

/** Answers 201 with the allocation this request made, and where it is listed. */
async function sendCreated(request: FastifyRequest, reply: FastifyReply, allocationId: string) {
  const record = await allocationRecord(request.server.database.db, allocationId)
  if (!record) throw notFound()
  return reply.code(201).send(allocationJson(record))
}

export async function waitingListForApi(request: FastifyRequest<{ Params: { serviceId: string } }>, reply: FastifyReply) {
  const list = await readWaitingList(request, request.params.serviceId)
  if (!list) throw notFound()
  const now = new Date()
  return reply.send({
    service: list.service,
    entries: list.entries.map((entry) => ({
      referralId: entry.referral_id,
      position: entry.position,
      of: entry.of,
      elementId: entry.element_id,
      person: personJson(entry),
      referredAt: entry.referred_at,
      waitingDays: entry.referred_at === null ? 0 : daysSince(entry.referred_at, now),
      urgency: entry.urgency,
      priority: entry.priority,
    })),
    page: list.filter.page,
    pageSize,
    total: list.total,
  })
}

const apiFields = { element: 'elementId', keyworker: 'keyworkerId', leadClinician: 'leadClinicianId', 'startsOn-day': 'startsOn', overCapacityReason: 'overCapacityReason' }

/**
 * A body of the wrong shape is answered as the pages answer a bad form, scope first: 404
 * (audited as a denial) when the record is out of the caller's reach, else 422 (audited as failed).
 */
async function sendBodyProblems(request: FastifyRequest, reply: FastifyReply, audit: PageAudit, find: (tx: Tx) => Promise<{ person_id: string } | undefined>, record: { type: string; id: string }, errors: ApiFieldError[]) {
  const found = await inTransaction(request.server.database.db, async (tx) => {
    const subject = await find(tx)
    await auditRequest(tx, request, { action: audit.action, outcome: subject ? audit.found : 'denied', ...(subject ? { personId: subject.person_id } : {}), recordType: record.type, recordId: record.id, details: { problems: errors.map((error) => error.field) } })
    return subject !== undefined
  })
  if (!found) throw notFound()
  return reply.code(422).send({ errors })
}

export async function allocateFromApi(request: FastifyRequest<{ Params: { referralId: string } }>, reply: FastifyReply) {
  const referralId = idParam(request, 'referralId')
  const read = readApiBody(request, allocationApiBody)
  if (!read.ok) return sendBodyProblems(request, reply, { action: 'allocation.create', found: 'failed' }, (tx) => referralForAllocation(tx, request.scope!, referralId), { type: 'referral', id: referralId }, read.errors)
  const body = read.value
  const outcome = await allocatePlace(request, referralId, {
    elementId: body.elementId,
    keyworkerId: body.keyworkerId ?? null,
    leadClinicianId: body.leadClinicianId ?? null,
    startsOn: body.startsOn ?? request.scope!.today,
    overCapacityReason: body.overCapacityReason || null,
  })
  if (!outcome.ok) return sendApiProblem(request, reply, outcome, apiFields)
  return sendCreated(request, reply, outcome.allocationId)
}

export async function moveFromApi(request: FastifyRequest<{ Params: { allocationId: string } }>, reply: FastifyReply) {
  const allocationId = idParam(request, 'allocationId')
  const read = readApiBody(request, moveApiBody)
  if (!read.ok) return sendBodyProblems(request, reply, { action: 'allocation.move', found: 'failed' }, (tx) => allocationInScope(tx, request.scope!, allocationId), { type: 'allocation', id: allocationId }, read.errors)
  const body = read.value
  const outcome = await movePlace(request, allocationId, { elementId: body.elementId, overCapacityReason: body.overCapacityReason || null })
  if (!outcome.ok) return sendApiProblem(request, reply, outcome, apiFields)
  return sendCreated(request, reply, outcome.allocationId)
}

export async function caseloadForApi(request: FastifyRequest, reply: FastifyReply) {
  const caseload = await readOwnCaseload(request)
  const userId = request.principal!.userId
  return reply.send({
    allocations: caseload.rows.map((row) => ({
      id: row.id,
      referralId: row.referral_id,
      personId: row.person_id,
      person: personJson(row),
      serviceName: row.service_name,
      elementId: row.element_id,
      elementName: row.element_name,
      keyworkerId: row.keyworker_user_id,
      leadClinicianId: row.lead_clinician_user_id,
      role: workerRole(row, userId),
      status: row.status,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      overCapacity: row.over_capacity,
    })),
    elements: caseload.elements.map((element) => ({
      id: element.id,
      name: element.name,
      serviceName: element.service_name,
      capacity: element.capacity,
      taken: element.taken,
      free: freePlaces(element.capacity, element.taken),
      inCaseload: element.in_caseload,
    })),
    page: caseload.filter.page,
    pageSize,
    total: caseload.total,
  })
}
