import type { Capability } from '../../platform/auth/capabilities.ts'
import type { RoleDefinition } from '../../platform/auth/roles.ts'
import type { StaffUserStatus } from '../../platform/db/schema.ts'

/** The part of a principal the administration rules look at. */
export interface Administrator {
  userId: string
  organisationId: string
  capabilities: ReadonlySet<Capability>
}

/**
 * Which organisations an administrator's queries may touch: their own, or every one for
 * a system administrator. Repository queries apply it inside the SQL.
 */
export interface AdminScope {
  organisationId: string
  everyOrganisation: boolean
}

export function adminScope(administrator: Administrator): AdminScope {
  return { organisationId: administrator.organisationId, everyOrganisation: administrator.capabilities.has('system:administer') }
}

/**
 * The roles an administrator may grant or take away. A role that administers the whole
 * partnership is a system administrator's to give: otherwise an organisation administrator
 * could make themselves one, or take over such an account by issuing its password link.
 */
export function assignableRoles(roles: ReadonlyMap<string, RoleDefinition>, administrator: Administrator): RoleDefinition[] {
  const mayGrantSystemRoles = administrator.capabilities.has('system:administer')
  return [...roles.values()].filter((role) => mayGrantSystemRoles || !role.capabilities.includes('system:administer'))
}

/** An administrator manages a user only if they could have given the user every role the user holds. */
export function mayManage(assignable: readonly RoleDefinition[], userRoles: readonly string[]): boolean {
  return userRoles.every((key) => assignable.some((role) => role.key === key))
}

/** How long a set-password link works: longer for a first invitation than for a reset. */
export const setPasswordLinkHours = { invitation: 72, reset: 24 } as const

/** The lifetime of a new link for a user in this status; a deactivated user gets none. */
export function linkHoursFor(status: StaffUserStatus): number | null {
  if (status === 'invited') return setPasswordLinkHours.invitation
  if (status === 'active') return setPasswordLinkHours.reset
  return null
}

/** A reactivated user who never chose a password is still waiting for their invitation. */
export function statusAfterReactivation(hasPassword: boolean): StaffUserStatus {
  return hasPassword ? 'active' : 'invited'
}

export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && Date.parse(lockedUntil) > now.getTime()
}

export interface ManagedUser {
  id: string
  status: StaffUserStatus
  locked_until: string | null
}

/** The buttons the user page offers; the handlers check the same rules. */
export function availableActions(user: ManagedUser, administrator: Administrator, now: Date) {
  return {
    // Deactivating yourself would leave you signed out with no one to notice.
    deactivate: user.status !== 'deactivated' && user.id !== administrator.userId,
    reactivate: user.status === 'deactivated',
    unlock: user.status !== 'deactivated' && isLocked(user.locked_until, now),
    issuePasswordLink: linkHoursFor(user.status) !== null,
  }
}
