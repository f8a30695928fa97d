import type { FastifyReply, FastifyRequest } from 'fastify'
import { recentlyAuthenticated } from '../../../platform/auth/reauthentication.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { forbidden } from '../../../platform/http/errors.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { recordAdminChange } from '../audit.ts'
import { accessForm } from '../forms.ts'
import { confirmIdentityReturningTo } from '../../account/index.ts'
import { adminPaths } from '../paths.ts'
import { replaceAccess, type UserDetail } from '../repository.ts'
import { accessChoices, accessProblem, chosenAccess, type AccessChoices } from './access-choices.ts'
import { fieldProblem, type FormProblem } from './form-problems.ts'
import { manageableUser, scopeOf } from './lookups.ts'

function renderForm(reply: FastifyReply, user: UserDetail, choices: AccessChoices, values: unknown, problem?: FormProblem) {
  return reply.code(problem ? 400 : 200).view('admin/views/access.njk', { user, choices, values, ...problem })
}

/** Roles and teams decide what a person sees, so changing them asks for the administrator's password again first. */
export async function showChangeAccess(request: FastifyRequest, reply: FastifyReply) {
  const user = await manageableUser(request)
  if (!recentlyAuthenticated(request.session)) return reply.redirect(confirmIdentityReturningTo(adminPaths.userAccess({ userId: user.id })), 303)
  const current = { roles: user.roles, teamIds: user.teams.map((team) => team.id) }
  return renderForm(reply, user, await accessChoices(request, user.organisation_id), current)
}

export async function changeAccess(request: FastifyRequest, reply: FastifyReply) {
  const user = await manageableUser(request)
  if (!recentlyAuthenticated(request.session)) throw forbidden('re-authentication required to change roles and teams')
  const choices = await accessChoices(request, user.organisation_id)
  const values = chosenAccess(request.body)
  const form = parseForm(accessForm, request.body, request.server.content)
  if (!form.ok) return renderForm(reply, user, choices, values, form)
  const problem = accessProblem(form.value, choices)
  if (problem) return renderForm(reply, user, choices, values, fieldProblem(request, problem.field, problem.key))

  await inTransaction(request.server.database.db, async (tx) => {
    await replaceAccess(tx, scopeOf(request), user.id, form.value)
    await recordAdminChange(tx, request, {
      action: 'admin.user.change-access',
      recordType: 'staff_user',
      recordId: user.id,
      recordOrganisationId: user.organisation_id,
      details: { roles: form.value.roles, teamIds: form.value.teamIds, previousRoles: user.roles, previousTeamIds: user.teams.map((team) => team.id) },
    })
  })
  return reply.redirect(adminPaths.user({ userId: user.id }), 303)
}
