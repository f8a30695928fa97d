import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../platform/db/database.ts'
import { parseForm } from '../../../platform/http/forms.ts'
import { recordAdminChange } from '../audit.ts'
import { inviteForm } from '../forms.ts'
import { createInvitedUser, createPasswordLink, emailTaken, type OrganisationSummary } from '../repository.ts'
import { setPasswordLinkHours } from '../rules.ts'
import { accessChoices, accessProblem, chosenAccess, type AccessChoices } from './access-choices.ts'
import { fieldProblem, type FormProblem } from './form-problems.ts'
import { organisationInScope, scopeOf } from './lookups.ts'
import { showIssuedLink } from './password-link.ts'

function renderForm(reply: FastifyReply, organisation: OrganisationSummary, choices: AccessChoices, values: unknown, problem?: FormProblem) {
  return reply.code(problem ? 400 : 200).view('admin/views/invite-user.njk', { organisation, choices, values, ...problem })
}

export async function showInviteUser(request: FastifyRequest, reply: FastifyReply) {
  const organisation = await organisationInScope(request)
  return renderForm(reply, organisation, await accessChoices(request, organisation.id), { roles: [], teamIds: [] })
}

/** Creates the account as invited, with the chosen roles and teams, and shows the link that lets the person choose a password. */
export async function inviteUser(request: FastifyRequest, reply: FastifyReply) {
  const { db } = request.server.database
  const organisation = await organisationInScope(request)
  const choices = await accessChoices(request, organisation.id)
  const values = { ...(request.body as object), ...chosenAccess(request.body) }
  const form = parseForm(inviteForm, request.body, request.server.content)
  if (!form.ok) return renderForm(reply, organisation, choices, values, form)
  const invitation = form.value
  const problem = accessProblem(invitation, choices) ?? ((await emailTaken(db, invitation.email)) ? { field: 'email', key: 'admin.invite.errors.emailTaken' } : null)
  if (problem) return renderForm(reply, organisation, choices, values, fieldProblem(request, problem.field, problem.key))

  const hours = setPasswordLinkHours.invitation
  const { userId, token } = await inTransaction(db, async (tx) => {
    const userId = await createInvitedUser(tx, { organisationId: organisation.id, ...invitation })
    const token = await createPasswordLink(tx, scopeOf(request), { userId, issuedBy: request.principal!.userId, hours, now: new Date() })
    await recordAdminChange(tx, request, {
      action: 'admin.user.invite',
      recordType: 'staff_user',
      recordId: userId,
      recordOrganisationId: organisation.id,
      details: { roles: invitation.roles, teamIds: invitation.teamIds, linkHours: hours },
    })
    return { userId, token }
  })
  return showIssuedLink(request, reply, { user: { id: userId, display_name: invitation.displayName, email: invitation.email }, token, hours, invitation: true })
}
