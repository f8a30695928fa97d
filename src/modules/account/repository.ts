import type { Db } from '../../platform/db/database.ts'

export interface SignInCandidate {
  id: string
  email: string
  password_hash: string | null
  status: string
  locked_until: string | null
}

/** No scope: sign-in looks a user up by the address they typed, before anyone is signed in. */
export function findUserForSignIn(db: Db, email: string): Promise<SignInCandidate | undefined> {
  return db.selectFrom('staff_user').select(['id', 'email', 'password_hash', 'status', 'locked_until']).where('email', '=', email).executeTakeFirst()
}

export function findPasswordHash(db: Db, userId: string): Promise<string | null> {
  return db
    .selectFrom('staff_user')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirst()
    .then((row) => row?.password_hash ?? null)
}

export interface AccountSummary {
  email: string
  display_name: string
  organisation_name: string
  mfa_enrolled_at: string | null
  teams: string[]
}

export async function accountSummary(db: Db, userId: string): Promise<AccountSummary> {
  const user = await db
    .selectFrom('staff_user')
    .innerJoin('organisation', 'organisation.id', 'staff_user.organisation_id')
    .select(['staff_user.email', 'staff_user.display_name', 'staff_user.mfa_enrolled_at', 'organisation.name as organisation_name'])
    .where('staff_user.id', '=', userId)
    .executeTakeFirstOrThrow()
  const teams = await db
    .selectFrom('team_membership')
    .innerJoin('team', 'team.id', 'team_membership.team_id')
    .select('team.name')
    .where('team_membership.user_id', '=', userId)
    .orderBy('team.name')
    .execute()
  return { ...user, teams: teams.map((team) => team.name) }
}
