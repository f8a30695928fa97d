/**
 * A sign-in between its two steps: the password was right and the session is marked
 * mfa_pending, so it carries a user id but no principal until the second factor is proved.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { beginSignedInSession } from '../../platform/auth/authentication.ts'
import { recordSignInAttempt } from '../../platform/auth/throttle.ts'

/** The user whose second factor this session is waiting for, or null. */
export function pendingSignInUserId(request: FastifyRequest): string | null {
  const session = request.session
  return session?.mfa_pending && session.user_id ? session.user_id : null
}

/**
 * Both factors are proved: records the success (which ends the run of failures the lockout
 * counts) and replaces the half-signed-in session with a full one under a new id.
 */
export async function completeSignIn(request: FastifyRequest, reply: FastifyReply, user: { id: string; email: string }): Promise<void> {
  await recordSignInAttempt(request.server.database, { email: user.email, address: request.ip, succeeded: true, now: new Date(), userId: user.id, requestId: request.id })
  await beginSignedInSession(request, reply, user.id, { mfaPending: false })
}
