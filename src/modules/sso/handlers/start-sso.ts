import type { FastifyReply, FastifyRequest } from 'fastify'
import { SingleSignOnError, type SingleSignOn } from '../../../platform/auth/oidc.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { localReturnPath } from '../../../platform/http/forms.ts'
import { ssoPaths } from '../paths.ts'
import { refuseSignOn } from './refusal.ts'

/** The installation's single sign-on; its routes do not exist where OIDC_ISSUER is unset. */
export function configuredSingleSignOn(request: FastifyRequest): SingleSignOn {
  const { singleSignOn } = request.server
  if (!singleSignOn) throw notFound('single sign-on is not configured')
  return singleSignOn
}

/** Lets a SingleSignOnError through as a value, for the handler to refuse with; anything else is a fault. */
export function asSingleSignOnError(error: unknown): SingleSignOnError {
  if (error instanceof SingleSignOnError) return error
  throw error
}

export async function startSso(request: FastifyRequest, reply: FastifyReply) {
  const singleSignOn = configuredSingleSignOn(request)
  const returnTo = localReturnPath((request.query as Record<string, unknown>).returnTo)
  if (request.principal) return reply.redirect(returnTo ?? '/', 303)
  const authorisation = await singleSignOn.begin(request, reply, { callbackPath: ssoPaths.callback(), returnTo }).catch(asSingleSignOnError)
  if (authorisation instanceof SingleSignOnError) return refuseSignOn(request, reply, authorisation.failure, authorisation.message)
  return reply.redirect(authorisation.href, 303)
}
