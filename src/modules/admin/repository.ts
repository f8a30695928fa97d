import { sql, type Expression, type SqlBool } from 'kysely'
import { hashToken, randomToken } from '../../platform/auth/sessions.ts'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { OrganisationType, StaffUserStatus } from '../../platform/db/schema.ts'
import type { AdminScope } from './rules.ts'

/** Columns that say which organisation a row belongs to. */
type OrganisationColumn = 'organisation.id' | 'staff_user.organisation_id' | 'team.organisation_id' | 'service.organisation_id'

/** The scope as a WHERE condition, so a row outside it is never read or changed. */
function withinScope(scope: AdminScope, column: OrganisationColumn): Expression<SqlBool> {
  return scope.everyOrganisation ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.ref(column)} = ${scope.organisationId}`
}

/** The ids of the users in scope, for statements on tables that have no organisation column. */
function usersInScope(db: Db, scope: AdminScope, userId: string) {
  return db.selectFrom('staff_user').select('staff_user.id').where('staff_user.id', '=', userId).where(withinScope(scope, 'staff_user.organisation_id'))
}

// Organisations

export interface OrganisationSummary {
  id: string
  name: string
  type: OrganisationType
  parent_name: string | null
}

function organisations(db: Db, scope: AdminScope) {
  return db
    .selectFrom('organisation')
    .leftJoin('organisation as parent', 'parent.id', 'organisation.parent_id')
    .select(['organisation.id', 'organisation.name', 'organisation.type', 'parent.name as parent_name'])
    .where(withinScope(scope, 'organisation.id'))
}

export function listOrganisations(db: Db, scope: AdminScope): Promise<OrganisationSummary[]> {
  return organisations(db, scope).orderBy('organisation.name').execute()
}

export function findOrganisation(db: Db, scope: AdminScope, organisationId: string): Promise<OrganisationSummary | undefined> {
  return organisations(db, scope).where('organisation.id', '=', organisationId).executeTakeFirst()
}

/** The regions a probation delivery unit can sit within. */
export function listProbationRegions(db: Db, scope: AdminScope): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('organisation').select(['id', 'name']).where('type', '=', 'probation_region').where(withinScope(scope, 'organisation.id')).orderBy('name').execute()
}

/** Names are unique across the partnership, whatever their case. */
export async function organisationNameTaken(db: Db, name: string): Promise<boolean> {
  const row = await db.selectFrom('organisation').select('id').where(sql<string>`lower(name)`, '=', name.toLowerCase()).executeTakeFirst()
  return row !== undefined
}

export async function createOrganisation(db: Db, organisation: { name: string; type: OrganisationType; parentId: string | null }): Promise<string> {
  const id = newId()
  await db.insertInto('organisation').values({ id, name: organisation.name, type: organisation.type, parent_id: organisation.parentId }).execute()
  return id
}

// Teams and services

export interface TeamSummary {
  id: string
  name: string
  service_name: string | null
  members: number
}

export async function listTeams(db: Db, scope: AdminScope, organisationId: string): Promise<TeamSummary[]> {
  const rows = await db
    .selectFrom('team')
    .leftJoin('service', 'service.id', 'team.service_id')
    .leftJoin('team_membership', 'team_membership.team_id', 'team.id')
    .select((eb) => ['team.id', 'team.name', 'service.name as service_name', eb.fn.count<number>('team_membership.user_id').as('members')])
    .where('team.organisation_id', '=', organisationId)
    .where(withinScope(scope, 'team.organisation_id'))
    .groupBy(['team.id', 'team.name', 'service.name'])
    .orderBy('team.name')
    .execute()
  return rows.map((row) => ({ ...row, members: Number(row.members) }))
}

export function listServices(db: Db, scope: AdminScope, organisationId: string): Promise<Array<{ id: string; name: string }>> {
  return db
    .selectFrom('service')
    .select(['service.id', 'service.name'])
    .where('service.organisation_id', '=', organisationId)
    .where(withinScope(scope, 'service.organisation_id'))
    .orderBy('service.name')
    .execute()
}

export async function teamNameTaken(db: Db, organisationId: string, name: string): Promise<boolean> {
  const row = await db.selectFrom('team').select('id').where('organisation_id', '=', organisationId).where(sql<string>`lower(name)`, '=', name.toLowerCase()).executeTakeFirst()
  return row !== undefined
}

/** The organisation has been found in scope by the caller, in the same transaction. */
export async function createTeam(db: Db, team: { organisationId: string; name: string; serviceId: string | null }): Promise<string> {
  const id = newId()
  await db.insertInto('team').values({ id, organisation_id: team.organisationId, name: team.name, service_id: team.serviceId }).execute()
  return id
}

// Users

export interface UserRow {
  id: string
  display_name: string
  email: string
  status: StaffUserStatus
  locked_until: string | null
}

export interface UserPage {
  users: UserRow[]
  total: number
}

export async function listUsers(db: Db, scope: AdminScope, organisationId: string, page: { number: number; size: number }): Promise<UserPage> {
  const inOrganisation = db.selectFrom('staff_user').where('staff_user.organisation_id', '=', organisationId).where(withinScope(scope, 'staff_user.organisation_id'))
  const [users, count] = await Promise.all([
    inOrganisation
      .select(['id', 'display_name', 'email', 'status', 'locked_until'])
      .orderBy('display_name')
      .orderBy('id')
      .limit(page.size)
      .offset((page.number - 1) * page.size)
      .execute(),
    inOrganisation.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { users, total: Number(count.n) }
}

export interface UserDetail extends UserRow {
  organisation_id: string
  organisation_name: string
  has_password: boolean
  roles: string[]
  teams: Array<{ id: string; name: string }>
}

export async function findUser(db: Db, scope: AdminScope, userId: string): Promise<UserDetail | undefined> {
  const user = await db
    .selectFrom('staff_user')
    .innerJoin('organisation', 'organisation.id', 'staff_user.organisation_id')
    .select([
      'staff_user.id',
      'staff_user.display_name',
      'staff_user.email',
      'staff_user.status',
      'staff_user.locked_until',
      'staff_user.password_hash',
      'organisation.id as organisation_id',
      'organisation.name as organisation_name',
    ])
    .where('staff_user.id', '=', userId)
    .where(withinScope(scope, 'staff_user.organisation_id'))
    .executeTakeFirst()
  if (!user) return undefined
  const [roles, teams] = await Promise.all([
    db.selectFrom('staff_user_role').select('role').where('user_id', '=', user.id).orderBy('role').execute(),
    db.selectFrom('team_membership').innerJoin('team', 'team.id', 'team_membership.team_id').select(['team.id', 'team.name']).where('team_membership.user_id', '=', user.id).orderBy('team.name').execute(),
  ])
  const { password_hash: passwordHash, ...rest } = user
  return { ...rest, has_password: passwordHash !== null, roles: roles.map((row) => row.role), teams }
}

/** E-mail addresses are unique across the partnership (sign-in looks them up before knowing the organisation). */
export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const row = await db.selectFrom('staff_user').select('id').where('email', '=', email).executeTakeFirst()
  return row !== undefined
}

export interface Access {
  roles: readonly string[]
  teamIds: readonly string[]
}

async function grantAccess(db: Db, userId: string, access: Access): Promise<void> {
  if (access.roles.length > 0) await db.insertInto('staff_user_role').values(access.roles.map((role) => ({ user_id: userId, role }))).execute()
  if (access.teamIds.length > 0) await db.insertInto('team_membership').values(access.teamIds.map((teamId) => ({ user_id: userId, team_id: teamId }))).execute()
}

/** The organisation and the teams have been found in scope by the caller, in the same transaction. */
export async function createInvitedUser(db: Db, invitation: { organisationId: string; displayName: string; email: string } & Access): Promise<string> {
  const id = newId()
  await db
    .insertInto('staff_user')
    .values({ id, organisation_id: invitation.organisationId, display_name: invitation.displayName, email: invitation.email, status: 'invited' })
    .execute()
  await grantAccess(db, id, invitation)
  return id
}

export async function replaceAccess(db: Db, scope: AdminScope, userId: string, access: Access): Promise<void> {
  await db.deleteFrom('staff_user_role').where('user_id', 'in', usersInScope(db, scope, userId)).execute()
  await db.deleteFrom('team_membership').where('user_id', 'in', usersInScope(db, scope, userId)).execute()
  await grantAccess(db, userId, access)
}

function updateUser(db: Db, scope: AdminScope, userId: string) {
  return db.updateTable('staff_user').where('staff_user.id', '=', userId).where(withinScope(scope, 'staff_user.organisation_id'))
}

export async function setStatus(db: Db, scope: AdminScope, userId: string, status: StaffUserStatus, now: Date): Promise<void> {
  await updateUser(db, scope, userId).set({ status, updated_at: now.toISOString() }).execute()
}

/**
 * Clears the lock and the failed attempts that caused it: sign-in counts failures in a
 * sliding window, so leaving them would lock the account again at the next slip.
 */
export async function clearLock(db: Db, scope: AdminScope, userId: string, now: Date): Promise<void> {
  await updateUser(db, scope, userId).set({ locked_until: null, updated_at: now.toISOString() }).execute()
  const user = await usersInScope(db, scope, userId).select('staff_user.email').executeTakeFirstOrThrow()
  await db.deleteFrom('sign_in_attempt').where('email', '=', user.email).where('succeeded', '=', false).execute()
}

// Set-password links

/** Ends every unused link of a user: a new link replaces them, and deactivation ends them all. */
export async function withdrawPasswordLinks(db: Db, scope: AdminScope, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('password_reset')
    .set({ expires_at: now.toISOString() })
    .where('user_id', 'in', usersInScope(db, scope, userId))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .execute()
}

/** Stores only the hash of the token; the token itself exists only in the link shown once to the administrator. */
export async function createPasswordLink(db: Db, scope: AdminScope, link: { userId: string; issuedBy: string; hours: number; now: Date }): Promise<string> {
  await withdrawPasswordLinks(db, scope, link.userId, link.now)
  const token = randomToken(32)
  await db
    .insertInto('password_reset')
    .values({ token_hash: hashToken(token), user_id: link.userId, issued_by: link.issuedBy, expires_at: new Date(link.now.getTime() + link.hours * 3_600_000).toISOString() })
    .execute()
  return token
}

export interface LinkHolder {
  user_id: string
  organisation_id: string
  email: string
}

/** No scope: whoever holds an unused, unexpired link may set that user's password. */
export function findUsableLink(db: Db, token: string, now: Date): Promise<LinkHolder | undefined> {
  return db
    .selectFrom('password_reset')
    .innerJoin('staff_user', 'staff_user.id', 'password_reset.user_id')
    .select(['staff_user.id as user_id', 'staff_user.organisation_id', 'staff_user.email'])
    .where('password_reset.token_hash', '=', hashToken(token))
    .where('password_reset.used_at', 'is', null)
    .where('password_reset.expires_at', '>', now.toISOString())
    .where('staff_user.status', '!=', 'deactivated')
    .executeTakeFirst()
}

/**
 * Uses the link and sets the password, or returns false when the link was used (or ran
 * out) in the meantime: the conditional update lets only one of two racing requests win.
 */
export async function setPasswordByLink(db: Db, token: string, user: LinkHolder, passwordHash: string, now: Date): Promise<boolean> {
  const used = await db
    .updateTable('password_reset')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst()
  if (Number(used.numUpdatedRows) !== 1) return false
  const updated = await db
    .updateTable('staff_user')
    .set((eb) => ({
      password_hash: passwordHash,
      status: eb.case().when('status', '=', 'invited').then(sql.lit<StaffUserStatus>('active')).else(eb.ref('status')).end(),
      updated_at: now.toISOString(),
    }))
    .where('id', '=', user.user_id)
    .where('status', '!=', 'deactivated')
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}
