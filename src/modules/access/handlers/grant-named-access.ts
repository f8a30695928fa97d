import type { FastifyReply, FastifyRequest } from 'fastify'
import { parseForm } from '../../../platform/http/forms.ts'
import { namedGrantForm } from '../forms.ts'
import { addNamedGrant, findColleague, namedGrants } from '../repository.ts'
import { fieldProblem, idParam, organisationOf } from './lookups.ts'
import { changeHeldPerson, renderRestrictedPage, requireRecentAuthentication } from './restricted-page.ts'

/** Names a member of the IG lead's own organisation on the record, found by e-mail address. */
export async function grantNamedAccess(request: FastifyRequest, reply: FastifyReply) {
  const personId = idParam(request, 'personId')
  requireRecentAuthentication(request)
  const { db } = request.server.database
  const organisationId = organisationOf(request)
  const action = 'access.restricted.grant'
  const form = parseForm(namedGrantForm, request.body, request.server.content)
  if (!form.ok) return renderRestrictedPage(request, reply, personId, action, { values: request.body, problem: form })
  const colleague = await findColleague(db, organisationId, form.value.email)
  if (!colleague) {
    const problem = fieldProblem(request, 'email', 'access.restricted.errors.emailUnknown', { organisation: request.principal!.organisationName })
    return renderRestrictedPage(request, reply, personId, action, { values: request.body, problem })
  }
  if ((await namedGrants(db, organisationId, personId)).some((grant) => grant.user_id === colleague.id)) {
    const problem = fieldProblem(request, 'email', 'access.restricted.errors.alreadyNamed', { name: colleague.display_name })
    return renderRestrictedPage(request, reply, personId, action, { values: request.body, problem })
  }
  return changeHeldPerson(request, reply, personId, action, async (tx) =>
    (await addNamedGrant(tx, { personId, userId: colleague.id, grantedBy: request.principal!.userId })) ? { userId: colleague.id } : null,
  )
}
