import type { FastifyReply, FastifyRequest } from 'fastify'
import { ensureSession } from '../../../platform/auth/authentication.ts'
import { localReturnPath } from '../../../platform/http/forms.ts'

export async function showSignIn(request: FastifyRequest, reply: FastifyReply) {
  const query = request.query as Record<string, unknown>
  if (request.principal) return reply.redirect(localReturnPath(query.returnTo) ?? '/', 303)
  await ensureSession(request, reply)
  return reply.view('account/views/sign-in.njk', {
    values: { returnTo: localReturnPath(query.returnTo) },
    signedOut: query.signedOut === '1',
    timedOut: query.timedOut === '1',
  })
}
