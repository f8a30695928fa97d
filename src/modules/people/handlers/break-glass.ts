import type { FastifyReply, FastifyRequest } from 'fastify'
import { confirmIdentityReturningTo } from '../../account/index.ts'
import { auditRequest } from '../../../platform/audit/index.ts'
import { recentlyAuthenticated } from '../../../platform/auth/reauthentication.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { isId, newId } from '../../../platform/db/ids.ts'
import { forbidden, notFound } from '../../../platform/http/errors.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { breakGlassCategories, breakGlassForm } from '../forms.ts'
import { peoplePaths } from '../paths.ts'
import { grantBreakGlass, personExists } from '../repository.ts'

type BreakGlassRequest = FastifyRequest<{ Params: { personId: string } }>

export async function showBreakGlass(request: BreakGlassRequest, reply: FastifyReply) {
  if (!isId(request.params.personId)) throw notFound()
  // Break-glass is a sensitive action: the password is asked for again first.
  if (!recentlyAuthenticated(request.session)) return reply.redirect(confirmIdentityReturningTo(peoplePaths.breakGlass({ personId: request.params.personId })), 303)
  return reply.view('people/views/break-glass.njk', { personId: request.params.personId, categories: breakGlassCategories, breakGlassMinutes: request.server.config.breakGlassMinutes, values: {} })
}

export async function requestBreakGlass(request: BreakGlassRequest, reply: FastifyReply) {
  const { personId } = request.params
  if (!isId(personId)) throw notFound()
  if (!recentlyAuthenticated(request.session)) throw forbidden('re-authentication required for break-glass')
  const form = parseForm(breakGlassForm, request.body, request.server.content)
  if (!form.ok) {
    return reply.code(400).view('people/views/break-glass.njk', { personId, categories: breakGlassCategories, breakGlassMinutes: request.server.config.breakGlassMinutes, values: request.body, ...form })
  }
  const minutes = request.server.config.breakGlassMinutes
  const granted = await inTransaction(request.server.database.db, async (tx) => {
    if (!(await personExists(tx, personId))) return false
    const now = new Date()
    const grant = {
      id: newId(),
      user_id: request.principal!.userId,
      person_id: personId,
      category: form.value.category,
      reason: form.value.reason,
      started_at: now.toISOString(),
      expires_at: new Date(now.getTime() + minutes * 60_000).toISOString(),
    }
    await grantBreakGlass(tx, grant)
    await auditRequest(tx, request, { action: 'person.break-glass', outcome: 'allowed', personId, recordType: 'break_glass', recordId: grant.id, details: { category: grant.category, minutes } })
    return true
  })
  if (!granted) throw notFound()
  return reply.redirect(peoplePaths.person({ personId }), 303)
}
