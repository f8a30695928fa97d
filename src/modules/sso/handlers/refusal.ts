import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Refusal } from '../rules.ts'

const statusOf: Record<Refusal, number> = { failed: 400, noAccount: 403, notActive: 403, unavailable: 503 }

/** Explains why single sign-on did not sign the user in; the log keeps the detail the page leaves out. */
export function refuseSignOn(request: FastifyRequest, reply: FastifyReply, refusal: Refusal, reason: string) {
  request.log[refusal === 'unavailable' ? 'error' : 'info']({ refusal, reason }, 'single sign-on refused')
  return reply.code(statusOf[refusal]).view('sso/views/refusal.njk', { refusal })
}
