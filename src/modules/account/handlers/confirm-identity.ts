import type { FastifyReply, FastifyRequest } from 'fastify'
import { verifyPassword } from '../../../platform/auth/passwords.ts'
import { markReauthenticated } from '../../../platform/auth/sessions.ts'
import { formError, localReturnPath, parseForm } from '../../../platform/http/forms.ts'
import { confirmIdentityForm } from '../forms.ts'
import { findPasswordHash } from '../repository.ts'

/** Asks for the password again before a sensitive action; comes back to `returnTo`. */
export async function showConfirmIdentity(request: FastifyRequest, reply: FastifyReply) {
  const query = request.query as Record<string, unknown>
  return reply.view('account/views/confirm.njk', { values: { returnTo: localReturnPath(query.returnTo) } })
}

export async function confirmIdentity(request: FastifyRequest, reply: FastifyReply) {
  const { db } = request.server.database
  const form = parseForm(confirmIdentityForm, request.body, request.server.content)
  const returnTo = localReturnPath((request.body as Record<string, unknown> | undefined)?.returnTo)
  if (!form.ok) return reply.code(400).view('account/views/confirm.njk', { values: { returnTo }, ...form })
  const principal = request.principal!
  if (!(await verifyPassword(await findPasswordHash(db, principal.userId), form.value.password))) {
    return reply.code(401).view('account/views/confirm.njk', { values: { returnTo }, ...formError('password', request.server.content.t('account.confirm.errors.wrongPassword')) })
  }
  await markReauthenticated(db, request.session!.id_hash)
  return reply.redirect(returnTo ?? '/', 303)
}
