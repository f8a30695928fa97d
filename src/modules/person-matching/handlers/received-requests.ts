import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { decisionForm } from '../forms.ts'
import { accessRequestsPage, personMatchingPaths } from '../paths.ts'
import { decideRequest, findReceivedRequest, listReceivedRequests, requestsPerPage, type ReceivedRequest } from '../repository.ts'

/** The page asked for in `?page=`; anything that is not a page number is the first page. */
function requestedPage(query: unknown): number {
  const page = (query as Record<string, unknown> | undefined)?.page
  return typeof page === 'string' && /^[1-9]\d{0,5}$/.test(page) ? Number(page) : 1
}

/** The requests the caller's teams received about people in the caller's scope; reading them is audited. */
export async function listAccessRequests(request: FastifyRequest, reply: FastifyReply) {
  const page = requestedPage(request.query)
  const found = await inTransaction(request.server.database.db, async (tx) => {
    const listed = await listReceivedRequests(tx, request.scope!, page)
    await auditRequest(tx, request, { action: 'person-matching.access-request.view', outcome: 'allowed', details: { page, shown: listed.requests.length } })
    return listed
  })
  const pages = Math.max(1, Math.ceil(found.total / requestsPerPage))
  return reply.view('person-matching/views/received-requests.njk', {
    requests: found.requests,
    range: { from: (page - 1) * requestsPerPage + 1, to: (page - 1) * requestsPerPage + found.requests.length, total: found.total },
    previous: page > 1 ? { href: accessRequestsPage(page - 1) } : undefined,
    next: page < pages ? { href: accessRequestsPage(page + 1) } : undefined,
  })
}

type RequestRequest = FastifyRequest<{ Params: { accessRequestId: string } }>
type RequestAction = 'person-matching.access-request.view' | 'person-matching.access-request.decide'

const template = 'person-matching/views/received-request.njk'

/**
 * One received request, found through the caller's teams and scope or not at all: another
 * team's request, or one about a person out of scope, does not exist for the caller (404,
 * the attempt audited as denied). Showing it is audited as a read.
 */
async function receivedRequest(request: RequestRequest, action: RequestAction): Promise<ReceivedRequest> {
  const id = request.params.accessRequestId
  if (!isId(id)) throw notFound()
  const found = await inTransaction(request.server.database.db, async (tx) => {
    const accessRequest = await findReceivedRequest(tx, request.scope!, id)
    if (!accessRequest) await auditRequest(tx, request, { action, outcome: 'denied', recordType: 'access_request', recordId: id })
    else if (action === 'person-matching.access-request.view') await auditRequest(tx, request, { action, outcome: 'allowed', personId: accessRequest.person_id, recordType: 'access_request', recordId: id })
    return accessRequest
  })
  if (!found) throw notFound()
  return found
}

export async function showAccessRequest(request: RequestRequest, reply: FastifyReply) {
  return reply.view(template, { accessRequest: await receivedRequest(request, 'person-matching.access-request.view'), values: {} })
}

export async function decideAccessRequest(request: RequestRequest, reply: FastifyReply) {
  const { db } = request.server.database
  const accessRequest = await receivedRequest(request, 'person-matching.access-request.decide')
  const target = { personId: accessRequest.person_id, recordType: 'access_request', recordId: accessRequest.id }
  const form = parseForm(decisionForm, request.body, request.server.content)
  if (!form.ok) {
    // The page shown again carries the request, so the failed attempt is audited as well.
    await inTransaction(db, (tx) => auditRequest(tx, request, { action: 'person-matching.access-request.decide', outcome: 'failed', ...target, details: { problems: form.errors.map((error) => error.field) } }))
    return reply.code(400).view(template, { accessRequest, values: request.body, ...form })
  }
  await inTransaction(db, async (tx) => {
    // Decided already (a second click, or a colleague first): the page shows the decision that stands.
    if (!(await decideRequest(tx, request.scope!, accessRequest.id, { status: form.value.decision, note: form.value.note, at: new Date().toISOString() }))) return
    await auditRequest(tx, request, { action: 'person-matching.access-request.decide', outcome: 'allowed', ...target, details: { decision: form.value.decision } })
  })
  return reply.redirect(personMatchingPaths.accessRequest({ accessRequestId: accessRequest.id }), 303)
}
