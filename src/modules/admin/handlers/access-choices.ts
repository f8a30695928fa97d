import type { FastifyRequest } from 'fastify'
import type { RoleDefinition } from '../../../platform/auth/roles.ts'
import { checkedList } from '../forms.ts'
import { listTeams, type Access, type TeamSummary } from '../repository.ts'
import { assignableRolesOf, scopeOf } from './lookups.ts'

/** The roles and teams a user of this organisation can be given, as checkboxes on the invite and change-access forms. */
export interface AccessChoices {
  roles: RoleDefinition[]
  teams: TeamSummary[]
}

export async function accessChoices(request: FastifyRequest, organisationId: string): Promise<AccessChoices> {
  return { roles: assignableRolesOf(request), teams: await listTeams(request.server.database.db, scopeOf(request), organisationId) }
}

/**
 * The content key of what is wrong with the chosen roles and teams, or null. The forms
 * offer only these, so another value is a tampered form or a stale page.
 */
export function accessProblem(chosen: Access, choices: AccessChoices): { field: 'roles' | 'teamIds'; key: string } | null {
  if (!chosen.roles.every((key) => choices.roles.some((role) => role.key === key))) return { field: 'roles', key: 'admin.access.errors.roleUnknown' }
  if (!chosen.teamIds.every((id) => choices.teams.some((team) => team.id === id))) return { field: 'teamIds', key: 'admin.access.errors.teamUnknown' }
  return null
}

/** What the user ticked, as lists, to show a failed form again. */
export function chosenAccess(body: unknown): { roles: unknown[]; teamIds: unknown[] } {
  const fields = (body ?? {}) as Record<string, unknown>
  return { roles: checkedList(fields.roles), teamIds: checkedList(fields.teamIds) }
}
