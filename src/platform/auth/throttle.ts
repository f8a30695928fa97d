import { recordAudit } from '../audit/audit-log.ts'
import { inTransaction, type DatabaseHandle, type Db } from '../db/database.ts'
import { newId } from '../db/ids.ts'

/** Attempts are counted in a sliding window, in the database, so every app instance sees the same counts. */
export const throttlePolicy = {
  windowMinutes: 15,
  /** Failed passwords in the window that lock the account. */
  accountFailures: 5,
  lockMinutes: 15,
  /** Failed sign-ins from one address in the window before it must wait (guessing across many accounts). */
  addressFailures: 20,
}

const minutes = (n: number) => n * 60_000

export interface SignInAttempt {
  email: string
  address: string
  succeeded: boolean
  now: Date
  /** The account tried, when the e-mail names one. */
  userId?: string
  requestId?: string
}

/** Counts the attempt for throttling and writes it to the audit trail, in one transaction. */
export async function recordSignInAttempt(database: DatabaseHandle, attempt: SignInAttempt): Promise<void> {
  await inTransaction(database.db, async (tx) => {
    await tx
      .insertInto('sign_in_attempt')
      .values({ id: newId(), email: attempt.email, address: attempt.address, succeeded: attempt.succeeded, attempted_at: attempt.now.toISOString() })
      .execute()
    await recordAudit(tx, database.dialect, {
      action: 'account.sign-in',
      outcome: attempt.succeeded ? 'allowed' : 'denied',
      userId: attempt.userId,
      route: 'sign-in',
      requestId: attempt.requestId,
    })
  })
}

/** When an address may try again, if it has failed too often; otherwise null. */
export async function addressBlockedUntil(db: Db, address: string, now: Date): Promise<Date | null> {
  const since = new Date(now.getTime() - minutes(throttlePolicy.windowMinutes)).toISOString()
  const failures = await db
    .selectFrom('sign_in_attempt')
    .select('attempted_at')
    .where('address', '=', address)
    .where('succeeded', '=', false)
    .where('attempted_at', '>', since)
    .orderBy('attempted_at', 'desc')
    .limit(throttlePolicy.addressFailures)
    .execute()
  if (failures.length < throttlePolicy.addressFailures) return null
  const oldest = failures.at(-1)?.attempted_at ?? now.toISOString()
  return new Date(Date.parse(oldest) + minutes(throttlePolicy.windowMinutes))
}

/**
 * After a failed password: locks the account when it has failed too often since its last
 * success. Returns the end of the lock, if it was locked now.
 */
export async function lockAfterFailures(db: Db, userId: string, email: string, now: Date): Promise<Date | null> {
  return inTransaction(db, async (tx) => {
    const since = new Date(now.getTime() - minutes(throttlePolicy.windowMinutes)).toISOString()
    const lastSuccess = await tx
      .selectFrom('sign_in_attempt')
      .select('attempted_at')
      .where('email', '=', email)
      .where('succeeded', '=', true)
      .orderBy('attempted_at', 'desc')
      .limit(1)
      .executeTakeFirst()
    const countFrom = lastSuccess && lastSuccess.attempted_at > since ? lastSuccess.attempted_at : since
    const failures = await tx
      .selectFrom('sign_in_attempt')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '=', email)
      .where('succeeded', '=', false)
      .where('attempted_at', '>', countFrom)
      .executeTakeFirstOrThrow()
    if (Number(failures.n) < throttlePolicy.accountFailures) return null
    const until = new Date(now.getTime() + minutes(throttlePolicy.lockMinutes))
    await tx.updateTable('staff_user').set({ locked_until: until.toISOString(), updated_at: now.toISOString() }).where('id', '=', userId).execute()
    return until
  })
}
