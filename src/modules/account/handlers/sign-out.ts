import type { FastifyReply, FastifyRequest } from 'fastify'
import { endAllSessions, endSession } from '../../../platform/auth/sessions.ts'
import { accountPaths } from '../paths.ts'

export async function signOut(request: FastifyRequest, reply: FastifyReply) {
  if (request.session) await endSession(request.server.database.db, request.session.id_hash)
  request.server.setSessionCookie(reply, null)
  return reply.redirect(`${accountPaths.signIn()}?signedOut=1`, 303)
}

/** Ends every session of this user, on every device, including this one. */
export async function signOutEverywhere(request: FastifyRequest, reply: FastifyReply) {
  if (request.principal) await endAllSessions(request.server.database.db, request.principal.userId)
  request.server.setSessionCookie(reply, null)
  return reply.redirect(`${accountPaths.signIn()}?signedOut=1`, 303)
}
