import type { FastifyReply, FastifyRequest } from 'fastify'
import { adminPaths } from '../paths.ts'

export interface IssuedLink {
  user: { id: string; display_name: string; email: string }
  token: string
  hours: number
  invitation: boolean
}

/**
 * Shows a new set-password link, once. This page answers the POST directly instead of
 * redirecting (Post/Redirect/Get): only the token's hash is stored, so no later request
 * could show the link again. Until e-mail delivery exists, the administrator passes it on.
 */
export function showIssuedLink(request: FastifyRequest, reply: FastifyReply, link: IssuedLink) {
  // BASE_URL when set: the Host header of the request is not to be trusted with a credential.
  const origin = request.server.config.baseUrl ?? `${request.protocol}://${request.host}`
  const url = `${origin}${adminPaths.setPassword({ token: link.token })}`
  return reply.header('cache-control', 'no-store').view('admin/views/link-issued.njk', { ...link, url })
}
