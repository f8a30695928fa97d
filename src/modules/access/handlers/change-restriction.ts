import type { FastifyReply, FastifyRequest } from 'fastify'
import { parseForm } from '../../../platform/http/forms.ts'
import { restrictionForm } from '../forms.ts'
import { setRestricted } from '../repository.ts'
import { idParam, organisationOf } from './lookups.ts'
import { changeHeldPerson, renderRestrictedPage, requireRecentAuthentication } from './restricted-page.ts'

/** Marks the record restricted, or no longer restricted. Named staff stay named either way, ready for the next restriction. */
export async function changeRestriction(request: FastifyRequest, reply: FastifyReply) {
  const personId = idParam(request, 'personId')
  requireRecentAuthentication(request)
  const form = parseForm(restrictionForm, request.body, request.server.content)
  if (!form.ok) return renderRestrictedPage(request, reply, personId, 'access.restricted.change', { values: request.body, problem: form })
  const { restricted } = form.value
  return changeHeldPerson(request, reply, personId, 'access.restricted.change', async (tx, person) => {
    if (person.is_restricted === restricted) return null
    await setRestricted(tx, organisationOf(request), personId, restricted, new Date().toISOString())
    return { restricted }
  })
}
