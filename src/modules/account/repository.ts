import { inTransaction, type Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'

export interface SignInCandidate {
  id: string
  email: string
  password_hash: string | null
  status: string
  locked_until: string | null
  mfa_enrolled_at: string | null
}

/** No scope: sign-in looks a user up by the address they typed, before anyone is signed in. */
export function findUserForSignIn(db: Db, email: string): Promise<SignInCandidate | undefined> {
  return db.selectFrom('staff_user').select(['id', 'email', 'password_hash', 'status', 'locked_until', 'mfa_enrolled_at']).where('email', '=', email).executeTakeFirst()
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

export interface SecondFactorState {
  email: string
  mfa_secret: string | null
  mfa_enrolled_at: string | null
  locked_until: string | null
}

export function findSecondFactorState(db: Db, userId: string): Promise<SecondFactorState | undefined> {
  return db.selectFrom('staff_user').select(['email', 'mfa_secret', 'mfa_enrolled_at', 'locked_until']).where('id', '=', userId).executeTakeFirst()
}

/** The secret of a confirmed authenticator, or null while none is set up. */
export function enrolledSecret(state: SecondFactorState): string | null {
  return state.mfa_enrolled_at ? state.mfa_secret : null
}

/**
 * Sets up (or replaces) a user's authenticator: the new secret and a new set of recovery
 * codes, in one transaction, so the old secret and old codes stop working together.
 */
export async function saveAuthenticator(db: Db, userId: string, enrolment: { secret: string; recoveryCodeHashes: readonly string[]; now: Date }): Promise<void> {
  const now = enrolment.now.toISOString()
  await inTransaction(db, async (tx) => {
    await tx.updateTable('staff_user').set({ mfa_secret: enrolment.secret, mfa_enrolled_at: now, updated_at: now }).where('id', '=', userId).execute()
    await tx.deleteFrom('mfa_recovery_code').where('user_id', '=', userId).execute()
    await tx
      .insertInto('mfa_recovery_code')
      .values(enrolment.recoveryCodeHashes.map((codeHash) => ({ id: newId(), user_id: userId, code_hash: codeHash, used_at: null })))
      .execute()
  })
}

/**
 * Spends a recovery code: true when it was one of the user's unused codes. One conditional
 * UPDATE, so two requests racing with the same code cannot both succeed.
 */
export async function spendRecoveryCode(db: Db, userId: string, codeHash: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('mfa_recovery_code')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Accepts a code's step once: a second use of the same (or an older) code is refused, even inside its window. */
export async function spendAuthenticatorStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_user')
    .set({ mfa_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
