import type { FastifyReply, FastifyRequest } from 'fastify'
import { parseForm } from '../../../platform/http/forms.ts'
import { personLookupForm } from '../forms.ts'
import { accessPaths } from '../paths.ts'

const template = 'access/views/find-restricted.njk'

/**
 * The way in to a person's restricted-record page: the IG lead types the person's
 * Pathways ID (from the person page or the audit trail). A GET form, so nothing is changed.
 */
export async function findRestricted(request: FastifyRequest, reply: FastifyReply) {
  const query = (request.query ?? {}) as Record<string, unknown>
  if (query.personId === undefined) return reply.view(template, { values: {} })
  const form = parseForm(personLookupForm, query, request.server.content)
  if (!form.ok) return reply.code(400).view(template, { values: query, ...form })
  return reply.redirect(accessPaths.restricted({ personId: form.value.personId }), 303)
}
