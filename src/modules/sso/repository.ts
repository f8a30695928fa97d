import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { AccountCandidate } from './rules.ts'

/** No scope: sign-on looks a user up before anyone is signed in. */
export function findAccount(db: Db, by: { oidcSubject: string } | { email: string }): Promise<AccountCandidate | undefined> {
  const query = db.selectFrom('staff_user').select(['id', 'status', 'oidc_subject as oidcSubject'])
  return ('email' in by ? query.where('email', '=', by.email) : query.where('oidc_subject', '=', by.oidcSubject)).executeTakeFirst()
}

/** Remembers the provider's subject, so later sign-ins match on it even if the e-mail address changes. */
export async function linkSubject(db: Db, userId: string, oidcSubject: string, now: Date): Promise<void> {
  await db.updateTable('staff_user').set({ oidc_subject: oidcSubject, updated_at: now.toISOString() }).where('id', '=', userId).where('oidc_subject', 'is', null).execute()
}

/**
 * An active user with no roles and no password: they can sign in only through the provider and
 * see nothing until an administrator gives them roles. Null when the organisation does not exist.
 */
export async function createUserFromIdentity(
  db: Db,
  user: { organisationId: string; email: string; displayName: string; oidcSubject: string; now: Date },
): Promise<string | null> {
  const organisation = await db.selectFrom('organisation').select('id').where('id', '=', user.organisationId).executeTakeFirst()
  if (!organisation) return null
  const id = newId(user.now.getTime())
  await db
    .insertInto('staff_user')
    .values({ id, organisation_id: user.organisationId, email: user.email, display_name: user.displayName, password_hash: null, status: 'active', oidc_subject: user.oidcSubject, updated_at: user.now.toISOString() })
    .execute()
  return id
}
