import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { formError, parseForm } from '../../../platform/http/forms.ts'
import { accessRequestApiBody, accessRequestForm, candidateFields, candidateFieldsOf, readCandidate } from '../forms.ts'
import { personMatchingPaths } from '../paths.ts'
import { fileAccessRequests, matchWithHidden, type MatchCandidate } from '../repository.ts'

/**
 * Runs matching again on the server (never trusting the page) and files a request with
 * each team holding an out-of-scope match. The caller learns nothing from it: the answer
 * is the same whether no team, one or several got the request. The audit trail, which is
 * for information governance and not for the requester, names each person.
 */
async function requestAccess(request: FastifyRequest, candidate: MatchCandidate, reason: string): Promise<void> {
  const scope = request.scope!
  await inTransaction(request.server.database.db, async (tx) => {
    const [matches] = await matchWithHidden(tx, scope, [candidate])
    const filed = await fileAccessRequests(tx, scope, matches?.elsewhereIds ?? [], reason)
    for (const entry of filed) {
      await auditRequest(tx, request, { action: 'person-matching.access-request', outcome: 'allowed', personId: entry.personId, recordType: 'access_request', recordId: entry.id, details: { owningTeamId: entry.teamId } })
    }
    if (filed.length === 0) await auditRequest(tx, request, { action: 'person-matching.access-request', outcome: 'allowed', details: { filed: 0 } })
  })
}

const template = 'person-matching/views/request-access.njk'

/** The candidate as posted, for the hidden fields of the form shown again. */
function typedCandidate(body: unknown): Record<string, unknown> {
  const fields = (body ?? {}) as Record<string, unknown>
  return Object.fromEntries(candidateFields.map((name) => [name, typeof fields[name] === 'string' ? fields[name] : '']))
}

export async function fileAccessRequest(request: FastifyRequest, reply: FastifyReply) {
  const candidate = readCandidate(request.body)
  const values = { ...typedCandidate(request.body), reason: (request.body as Record<string, unknown> | undefined)?.reason }
  if (candidate === null) {
    return reply.code(400).view(template, { values, candidateUnreadable: true, ...formError('reason', request.server.content.t('personMatching.request.errors.candidateUnreadable')) })
  }
  const form = parseForm(accessRequestForm, request.body, request.server.content)
  if (!form.ok) return reply.code(400).view(template, { values, ...form })
  await requestAccess(request, candidate, form.value.reason)
  return reply.redirect(personMatchingPaths.accessRequestSent(), 303)
}

export async function showAccessRequestSent(_request: FastifyRequest, reply: FastifyReply) {
  return reply.view('person-matching/views/request-sent.njk')
}

/** The same for API clients: 202 with the same words, or 422 with what to fix. */
export async function fileAccessRequestForApi(request: FastifyRequest, reply: FastifyReply) {
  const { content } = request.server
  const body = accessRequestApiBody.safeParse(request.body)
  const candidate = body.success ? readCandidate(candidateFieldsOf(body.data)) : null
  if (!body.success || candidate === null) {
    const errors = body.success
      ? [{ field: 'candidate', message: content.t('personMatching.request.errors.candidateUnreadable') }]
      : body.error.issues.map((issue) => ({ field: String(issue.path[0] ?? 'body'), message: content.has(issue.message) ? content.t(issue.message) : content.t('site.errors.invalidAnswer') }))
    return reply.code(422).send({ errors })
  }
  await requestAccess(request, candidate, body.data.reason)
  return reply.code(202).send({ message: content.t('personMatching.sent.text') })
}
