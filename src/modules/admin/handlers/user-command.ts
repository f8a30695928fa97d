import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AuditEvent } from '../../../platform/audit/index.ts'
import { inTransaction, type Tx } from '../../../platform/db/database.ts'
import { recordAdminChange } from '../audit.ts'
import { adminPaths } from '../paths.ts'
import type { UserDetail } from '../repository.ts'
import { availableActions, type AdminScope } from '../rules.ts'
import { manageableUser, scopeOf } from './lookups.ts'

export interface UserCommand {
  action: AuditEvent
  /** Whether the command applies to the user as they are now. When it does not (a second click), nothing changes. */
  applies(actions: ReturnType<typeof availableActions>): boolean
  change(tx: Tx, scope: AdminScope, user: UserDetail, now: Date): Promise<void>
}

/** A button on the user page: one change and its audit row in one transaction, then back to the user page. */
export function userCommand(command: UserCommand) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const user = await manageableUser(request)
    const now = new Date()
    if (command.applies(availableActions(user, request.principal!, now))) {
      await inTransaction(request.server.database.db, async (tx) => {
        await command.change(tx, scopeOf(request), user, now)
        await recordAdminChange(tx, request, { action: command.action, recordType: 'staff_user', recordId: user.id, recordOrganisationId: user.organisation_id })
      })
    }
    return reply.redirect(adminPaths.user({ userId: user.id }), 303)
  }
}
