import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { Scope } from '../../platform/auth/scope.ts'
import type { Db } from '../../platform/db/database.ts'
import type { Database } from '../../platform/db/schema.ts'

/** A notification reaches its user, or every member of its team. */
function toCaller(scope: Scope) {
  return (eb: ExpressionBuilder<Database, 'notification'>): Expression<SqlBool> =>
    eb.or([eb('notification.user_id', '=', scope.userId), ...(scope.teamIds.length === 0 ? [] : [eb('notification.team_id', 'in', scope.teamIds)])])
}

export const notificationsPageSize = 25

export interface NotificationRow {
  id: string
  kind: string
  referral_id: string | null
  service_name: string | null
  team_name: string | null
  created_at: string
  read_at: string | null
}

/** A page of the caller's own and their teams' notifications, newest first, and how many there are. */
export async function notificationsOf(db: Db, scope: Scope, page: number): Promise<{ rows: NotificationRow[]; total: number }> {
  const rows = await db
    .selectFrom('notification')
    .leftJoin('referral', 'referral.id', 'notification.referral_id')
    .leftJoin('service', 'service.id', 'referral.service_id')
    .leftJoin('team', 'team.id', 'notification.team_id')
    .select(['notification.id', 'notification.kind', 'notification.referral_id', 'service.name as service_name', 'team.name as team_name', 'notification.created_at', 'notification.read_at'])
    .where(toCaller(scope))
    .orderBy('notification.created_at', 'desc')
    .orderBy('notification.id', 'desc')
    .limit(notificationsPageSize)
    .offset((page - 1) * notificationsPageSize)
    .execute()
  const counted = await db.selectFrom('notification').select((eb) => eb.fn.countAll<number>().as('count')).where(toCaller(scope)).executeTakeFirstOrThrow()
  return { rows, total: Number(counted.count) }
}

/** How many of the caller's notifications are unread: one indexed count, for the header on every page. */
export async function unreadNotificationCount(db: Db, scope: Scope): Promise<number> {
  const counted = await db.selectFrom('notification').select((eb) => eb.fn.countAll<number>().as('count')).where(toCaller(scope)).where('notification.read_at', 'is', null).executeTakeFirstOrThrow()
  return Number(counted.count)
}

/**
 * Marks the notification read, if it is the caller's (theirs or their team's: one member
 * reading a team's notice marks it read for the team). False when it is not the caller's.
 */
export async function markRead(db: Db, scope: Scope, notificationId: string): Promise<boolean> {
  const mine = await db.selectFrom('notification').select(sql`1`.as('one')).where('notification.id', '=', notificationId).where(toCaller(scope)).executeTakeFirst()
  if (!mine) return false
  await db.updateTable('notification').set({ read_at: scope.now }).where('notification.id', '=', notificationId).where('notification.read_at', 'is', null).execute()
  return true
}
