import type { FastifyReply, FastifyRequest } from 'fastify'
import { inTransaction } from '../../../platform/db/database.ts'
import { recordAdminChange } from '../audit.ts'
import { adminPaths } from '../paths.ts'
import { createPasswordLink } from '../repository.ts'
import { linkHoursFor } from '../rules.ts'
import { manageableUser, scopeOf } from './lookups.ts'
import { showIssuedLink } from './password-link.ts'

/** A new invitation link for someone who never used theirs, or a password reset for an active user; earlier links stop working. */
export async function issuePasswordLink(request: FastifyRequest, reply: FastifyReply) {
  const user = await manageableUser(request)
  const hours = linkHoursFor(user.status)
  if (hours === null) return reply.redirect(adminPaths.user({ userId: user.id }), 303)
  const token = await inTransaction(request.server.database.db, async (tx) => {
    const token = await createPasswordLink(tx, scopeOf(request), { userId: user.id, issuedBy: request.principal!.userId, hours, now: new Date() })
    await recordAdminChange(tx, request, { action: 'admin.user.issue-password-link', recordType: 'staff_user', recordId: user.id, recordOrganisationId: user.organisation_id, details: { linkHours: hours } })
    return token
  })
  return showIssuedLink(request, reply, { user, token, hours, invitation: user.status === 'invited' })
}
