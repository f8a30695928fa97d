import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { memberCapability } from '../auth/capabilities.ts'
import { HttpError, notFound } from './errors.ts'

const shownStatuses = new Set([400, 401, 403, 404, 413, 415, 429, 500])

function statusOf(error: FastifyError | HttpError): number {
  if (error instanceof HttpError) return error.statusCode
  const status = (error as FastifyError).statusCode
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 500
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url.startsWith('/health') || !(request.headers.accept ?? 'text/html').includes('html')
}

export interface ErrorPageOptions {
  /** Where an anonymous visitor is sent when a page needs a signed-in user. */
  signInPath: (returnTo: string) => string
  /** Where an anonymous visitor is sent from a page for forum members. */
  memberSignInPath: (returnTo: string) => string
}

function send(request: FastifyRequest, reply: FastifyReply, status: number, options: ErrorPageOptions) {
  if (status === 401 && request.method === 'GET' && !wantsJson(request)) {
    const signIn = request.routeOptions.config?.declaration?.capability === memberCapability ? options.memberSignInPath : options.signInPath
    return reply.redirect(signIn(request.url), 303)
  }
  reply.status(status)
  if (wantsJson(request)) return reply.send({ error: { status, requestId: request.id } })
  const page = shownStatuses.has(status) ? status : status >= 500 ? 500 : 400
  return reply.view('error.njk', { status: page })
}

/** GOV.UK-style error pages with the request id; never a stack trace or an error message. */
export function registerErrorPages(app: FastifyInstance, options: ErrorPageOptions): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const status = statusOf(error)
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ statusCode: status, reason: error.message }, 'request refused')
    return send(request, reply, status, options)
  })
  app.setNotFoundHandler((request, reply) => {
    request.log.info({ statusCode: 404, reason: notFound().message }, 'request refused')
    return send(request, reply, 404, options)
  })
}
