import { sql, type ExpressionBuilder } from 'kysely'
import { personVisibleTo, visiblePersonName, type Scope } from '../../platform/auth/scope.ts'
import type { Db, Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { Database, ForumMemberRole } from '../../platform/db/schema.ts'

/*
 * Staff and the members' real identities. A member's person record stays private: staff
 * see whom a member is only when their own scope finds that person (personVisibleTo, in
 * SQL), and a sponsor sees their own members. Also the member's sign-in and joining, which
 * read the member by username or one-time code.
 */

type Reader = Db | Tx

export function findMemberForSignIn(db: Reader, usernameKey: string) {
  return db.selectFrom('forum_member').select(['id', 'password_hash', 'status']).where('username_key', '=', usernameKey).executeTakeFirst()
}

/** The member a live one-time code belongs to. */
export function findMemberByCode(db: Reader, codeHash: string, now: string) {
  return db.selectFrom('forum_member').select(['id', 'username', 'username_key', 'status']).where('invitation_hash', '=', codeHash).where('invitation_expires_at', '>', now).executeTakeFirst()
}

export function usernameTaken(db: Reader, usernameKey: string) {
  return db.selectFrom('forum_member').select('id').where('username_key', '=', usernameKey).executeTakeFirst()
}

/** The code is used up: the member has their username (chosen now, the first time) and password. */
export async function completeJoin(tx: Tx, join: { memberId: string; username: string | null; usernameKey: string | null; passwordHash: string; now: string }): Promise<void> {
  await tx
    .updateTable('forum_member')
    .set((eb) => ({
      ...(join.username ? { username: join.username, username_key: join.usernameKey, status: 'active' as const } : {}),
      password_hash: join.passwordHash,
      invitation_hash: null,
      invitation_expires_at: null,
      joined_at: eb.fn.coalesce('joined_at', eb.val(join.now)),
    }))
    .where('id', '=', join.memberId)
    .execute()
}

/** People the inviter can see whose name contains `query`, for linking a new member. */
export function visiblePeople(db: Reader, scope: Scope, query: string) {
  const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`
  return db
    .selectFrom('person')
    .select(['person.id', 'person.given_name', 'person.family_name', 'person.date_of_birth'])
    .where('person.merged_into_id', 'is', null)
    .where((eb) => eb.or([sql<boolean>`lower(person.given_name || ' ' || person.family_name) like ${pattern} escape '\\'`, sql<boolean>`lower(person.family_name) like ${pattern} escape '\\'`]))
    .where(personVisibleTo(scope))
    .orderBy('person.family_name')
    .orderBy('person.given_name')
    .limit(20)
    .execute()
}

export function visiblePerson(db: Reader, scope: Scope, personId: string) {
  return db.selectFrom('person').select(['person.id', 'person.given_name', 'person.family_name', 'person.date_of_birth']).where('person.id', '=', personId).where(personVisibleTo(scope)).executeTakeFirst()
}

/** Who may sponsor a member the caller invites: the caller, and active colleagues in their teams. */
export function sponsorChoices(db: Reader, scope: Scope) {
  return db
    .selectFrom('staff_user')
    .select(['staff_user.id', 'staff_user.display_name'])
    .where('staff_user.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('staff_user.id', '=', scope.userId),
        scope.teamIds.length === 0 ? sql<boolean>`1 = 0` : eb.exists(eb.selectFrom('team_membership').select(sql`1`.as('one')).whereRef('team_membership.user_id', '=', 'staff_user.id').where('team_membership.team_id', 'in', scope.teamIds)),
      ]),
    )
    .orderBy('staff_user.display_name')
    .execute()
}

export async function insertInvitation(tx: Tx, invitation: { personId: string; role: ForumMemberRole; sponsorUserId: string; sponsorContact: string; codeHash: string; expiresAt: string; createdBy: string }): Promise<string> {
  const id = newId()
  await tx
    .insertInto('forum_member')
    .values({ id, role: invitation.role, person_id: invitation.personId, sponsor_user_id: invitation.sponsorUserId, sponsor_contact: invitation.sponsorContact, status: 'invited', invitation_hash: invitation.codeHash, invitation_expires_at: invitation.expiresAt, created_by: invitation.createdBy })
    .execute()
  return id
}

/** A member is the caller's to manage when they sponsor them or can see their person. */
function managedBy(scope: Scope) {
  return (eb: ExpressionBuilder<Database & { listed_person: Database['person'] }, 'forum_member' | 'listed_person'>) =>
    eb.or([
      eb('forum_member.sponsor_user_id', '=', scope.userId),
      eb.exists(eb.selectFrom('person').select(sql`1`.as('one')).whereRef('person.id', '=', 'forum_member.person_id').where(personVisibleTo(scope))),
    ])
}

function membersQuery(db: Reader, scope: Scope) {
  return db
    .selectFrom('forum_member')
    .leftJoin('person as listed_person', 'listed_person.id', 'forum_member.person_id')
    .innerJoin('staff_user as sponsor', 'sponsor.id', 'forum_member.sponsor_user_id')
    .select((eb) => [
      'forum_member.id',
      'forum_member.username',
      'forum_member.role',
      'forum_member.status',
      'forum_member.person_id',
      'forum_member.created_at',
      'forum_member.invitation_expires_at',
      'sponsor.display_name as sponsor_name',
      visiblePersonName(scope, 'given_name')(eb).as('given_name'),
      visiblePersonName(scope, 'family_name')(eb).as('family_name'),
    ])
    .where(managedBy(scope))
}

export function membersFor(db: Reader, scope: Scope) {
  return membersQuery(db, scope).orderBy('forum_member.created_at', 'desc').limit(200).execute()
}

export function memberFor(db: Reader, scope: Scope, memberId: string) {
  return membersQuery(db, scope).where('forum_member.id', '=', memberId).executeTakeFirst()
}

export async function issueCode(tx: Tx, memberId: string, codeHash: string, expiresAt: string): Promise<void> {
  await tx.updateTable('forum_member').set({ invitation_hash: codeHash, invitation_expires_at: expiresAt }).where('id', '=', memberId).execute()
}

/** The person behind a member, when the caller's scope finds them; undefined otherwise (or when the member has no person). */
export function memberIdentity(db: Reader, scope: Scope, memberId: string) {
  return db
    .selectFrom('forum_member')
    .innerJoin('person', 'person.id', 'forum_member.person_id')
    .select(['person.id', 'person.given_name', 'person.family_name', 'person.date_of_birth'])
    .where('forum_member.id', '=', memberId)
    .where(personVisibleTo(scope))
    .executeTakeFirst()
}

/** A member's post for their sponsor or anyone who can see the member's person: what a concern task links to. */
export function concernPost(db: Reader, scope: Scope, postId: string) {
  return db
    .selectFrom('forum_post')
    .innerJoin('forum_topic', 'forum_topic.id', 'forum_post.topic_id')
    .innerJoin('forum_member', 'forum_member.id', 'forum_post.author_member_id')
    .leftJoin('person as listed_person', 'listed_person.id', 'forum_member.person_id')
    .select((eb) => [
      'forum_post.id',
      'forum_post.body',
      'forum_post.status',
      'forum_post.created_at',
      'forum_post.concern_raised_at',
      'forum_topic.title as topic_title',
      'forum_member.id as member_id',
      'forum_member.username',
      'forum_member.person_id',
      visiblePersonName(scope, 'given_name')(eb).as('given_name'),
      visiblePersonName(scope, 'family_name')(eb).as('family_name'),
    ])
    .where('forum_post.id', '=', postId)
    .where(managedBy(scope))
    .executeTakeFirst()
}
