import type { FastifyReply, FastifyRequest } from 'fastify'

export type InformationPage = 'accessibility' | 'privacy' | 'cookies'

/** The accessibility statement, privacy notice and cookies page share one template; their words are in content/pages.yml. */
export function showInformationPage(page: InformationPage) {
  return async (_request: FastifyRequest, reply: FastifyReply) => reply.view('site/views/information-page.njk', { page })
}
