import type { Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { jsonValue } from '../../platform/db/values.ts'
import { foldPhrase } from '../forum/index.ts'

/**
 * The involvement forum's demo: categories, threads, a moderation queue, a poll, a "you
 * said, we did" post, and members — each privately linked to a made-up person on their
 * sponsor's team's caseload — who sign in with the demo password. Deterministic: the same
 * people (the first on each sponsor's teams' lists by name) and the same posts every time.
 */

export interface DemoMember {
  username: string
  role: 'member' | 'peer_mentor' | 'panel_member'
  /** The demo account (e-mail) sponsoring them. */
  sponsor: string
  sponsorContact: string
  /** New members' posts wait for a moderator. */
  isNew?: boolean
}

export const demoMembers: readonly DemoMember[] = [
  { username: 'SkyLark', role: 'member', sponsor: 'clinician@demo.pathways.test', sponsorContact: 'Call the Fallowmere PIPE team on 01632 960 101, Monday to Friday 9am to 5pm, and ask for Dr Fernhill.' },
  { username: 'HarbourLight', role: 'member', sponsor: 'probation.officer@demo.pathways.test', sponsorContact: 'Call Marchfield North probation on 01632 960 202 and ask for Priya.' },
  { username: 'QuietOak', role: 'peer_mentor', sponsor: 'case.worker@demo.pathways.test', sponsorContact: 'Call Fellmarsh Women’s Centre on 01632 960 303 and ask for Morag.' },
  { username: 'Wren', role: 'panel_member', sponsor: 'clinician@demo.pathways.test', sponsorContact: 'Call the Fallowmere PIPE team on 01632 960 101 and ask for Dr Fernhill.' },
  { username: 'NewDawn', role: 'member', sponsor: 'probation.officer@demo.pathways.test', sponsorContact: 'Call Marchfield North probation on 01632 960 202 and ask for Priya.', isNew: true },
]

const categories = [
  { key: 'introductions', name: 'Introductions', description: 'Say hello and tell others a little about yourself (no real names, please).' },
  { key: 'support', name: 'Peer support', description: 'Talk about how things are going, and what helps.' },
  { key: 'outside', name: 'Getting out and staying out', description: 'Housing, work, benefits and life after release.' },
  { key: 'activities', name: 'Wellbeing and activities', description: 'Groups, hobbies, exercise and things to do.' },
  { key: 'yswd', name: 'You said, we did', description: 'What the services changed because of what members said.', staffOnly: true },
] as const

type Author = string | { staff: string }
interface DemoThread {
  category: (typeof categories)[number]['key']
  title: string
  posts: ReadonlyArray<{ by: Author; text: string; status?: 'pending'; holdReasons?: string[]; flag?: string }>
}

const threads: readonly DemoThread[] = [
  {
    category: 'introductions',
    title: 'Hello from SkyLark',
    posts: [
      { by: 'SkyLark', text: 'Hi all. I joined the group a few weeks ago. I like walking and **very** strong tea.' },
      { by: 'QuietOak', text: 'Welcome! I’m one of the peer mentors here. Ask me anything about how the groups work.' },
      { by: 'Wren', text: 'Welcome *SkyLark* — the tea in the Tuesday group is terrible, bring your own.' },
    ],
  },
  {
    category: 'support',
    title: 'Sleeping after moving on from the wing',
    posts: [
      { by: 'HarbourLight', text: 'Since I moved to the approved premises I can’t sleep. Too quiet?\n\nAnyone else had this?' },
      { by: 'QuietOak', text: 'Yes, for about a month. What helped me:\n\n- a radio on low\n- the same bedtime every night\n- talking it through with my keyworker' },
      { by: 'SkyLark', text: '> the same bedtime every night\n\nThis one worked for me too.' },
    ],
  },
  {
    category: 'outside',
    title: 'Opening a bank account without ID',
    posts: [
      { by: 'Wren', text: 'The [basic bank account guide](https://www.gov.uk/government/publications/basic-bank-accounts) helped me. Your probation officer can write a letter too.' },
      { by: 'HarbourLight', text: 'Thanks, I’ll ask at my next appointment.' },
      { by: 'HarbourLight', text: 'They said to ring me on 07700 900123 if I need help.', status: 'pending', holdReasons: ['phone_number'] },
    ],
  },
  {
    category: 'activities',
    title: 'Allotment group on Thursdays',
    posts: [
      { by: 'QuietOak', text: 'The allotment group meets Thursdays at 2pm. No experience needed.' },
      { by: 'NewDawn', text: 'Can I just turn up? I’m new.', status: 'pending', holdReasons: ['new_member'] },
      { by: 'SkyLark', text: 'It’s rubbish, nobody should bother going.', flag: 'unkind' },
    ],
  },
  {
    category: 'yswd',
    title: 'Evening peer support group',
    posts: [{ by: { staff: 'moderator@demo.pathways.test' }, text: '**You said:** daytime groups clash with work and training.\n\n**We did:** from next month there is a Tuesday evening group, 6pm to 7.30pm.' }],
  },
]

/** Adds the forum's demo; the demo accounts must be there (it runs only with them). `passwordHash` is the demo password's. */
export async function insertDemoForum(tx: Tx, passwordHash: string, now: Date = new Date()): Promise<void> {
  const staff = new Map((await tx.selectFrom('staff_user').select(['id', 'email']).where('is_demo', '=', true).execute()).map((user) => [user.email, user.id]))
  const staffId = (email: string) => {
    const id = staff.get(email)
    if (!id) throw new Error(`demo forum: no demo account ${email}`)
    return id
  }
  // Each member's person: the next one, by name, on their sponsor's teams' caseload.
  const linked = new Set<string>()
  const memberIds = new Map<string, string>()
  for (const member of demoMembers) {
    const sponsorId = staffId(member.sponsor)
    const people = await tx
      .selectFrom('involvement')
      .innerJoin('team_membership', 'team_membership.team_id', 'involvement.team_id')
      .innerJoin('person', 'person.id', 'involvement.person_id')
      .select('person.id')
      .distinct()
      .where('team_membership.user_id', '=', sponsorId)
      .where('involvement.status', '=', 'open')
      .orderBy('person.id')
      .limit(20)
      .execute()
    const person = people.find((candidate) => !linked.has(candidate.id))
    if (person) linked.add(person.id)
    const id = newId()
    memberIds.set(member.username, id)
    await tx
      .insertInto('forum_member')
      .values({ id, username: member.username, username_key: foldPhrase(member.username), role: member.role, person_id: person?.id ?? null, sponsor_user_id: sponsorId, sponsor_contact: member.sponsorContact, status: 'active', password_hash: passwordHash, created_by: sponsorId, joined_at: now.toISOString() })
      .execute()
  }
  const categoryIds = new Map(categories.map((category) => [category.key, newId()]))
  await tx
    .insertInto('forum_category')
    .values(categories.map((category, index) => ({ id: categoryIds.get(category.key) as string, name: category.name, description: category.description, position: index + 1, members_start_topics: !('staffOnly' in category) })))
    .execute()

  let minute = 0
  const at = () => new Date(now.getTime() - (24 * 60 - minute++ * 20) * 60_000).toISOString()
  for (const thread of threads) {
    const topicId = newId()
    const [opening] = thread.posts
    const openingAuthor = opening?.by
    const created = at()
    await tx
      .insertInto('forum_topic')
      .values({ id: topicId, category_id: categoryIds.get(thread.category) as string, title: thread.title, kind: thread.category === 'yswd' ? 'you_said_we_did' : 'discussion', author_member_id: typeof openingAuthor === 'string' ? memberIds.get(openingAuthor) : null, author_user_id: typeof openingAuthor === 'object' ? staffId(openingAuthor.staff) : null, created_at: created })
      .execute()
    let lastPublished: string | null = null
    for (const post of thread.posts) {
      const postId = newId()
      const written = post === opening ? created : at()
      const published = post.status !== 'pending'
      if (published) lastPublished = written
      await tx
        .insertInto('forum_post')
        .values({ id: postId, topic_id: topicId, author_member_id: typeof post.by === 'string' ? memberIds.get(post.by) : null, author_user_id: typeof post.by === 'object' ? staffId(post.by.staff) : null, body: post.text, status: published ? 'published' : 'pending', hold_reasons: jsonValue(post.holdReasons ?? []), created_at: written, published_at: published ? written : null })
        .execute()
      if (post.flag) {
        await tx.insertInto('forum_flag').values({ id: newId(), post_id: postId, raised_by_member_id: memberIds.get('QuietOak'), source: 'member', reason: post.flag, detail: 'This could put new members off.', status: 'open', created_at: written }).execute()
      }
    }
    await tx.updateTable('forum_topic').set({ last_post_at: lastPublished }).where('id', '=', topicId).execute()
  }

  const moderator = staffId('moderator@demo.pathways.test')
  await tx.insertInto('forum_watch_word').values([
    { id: newId(), kind: 'word', phrase: 'HMP Fallowmere', phrase_key: foldPhrase('HMP Fallowmere'), created_by: moderator },
    { id: newId(), kind: 'word', phrase: 'arson', phrase_key: 'arson', created_by: moderator },
  ]).execute()
  const pollId = newId()
  const options = ['Weekday mornings', 'Weekday afternoons', 'Weekday evenings', 'Saturdays'].map((label, index) => ({ id: newId(), poll_id: pollId, label, position: index + 1 }))
  await tx.insertInto('forum_poll').values({ id: pollId, question: 'When should the new peer support group meet?', description: 'Tell us what suits you. Results help the service plan next term.', created_by: moderator }).execute()
  await tx.insertInto('forum_poll_option').values(options).execute()
  await tx
    .insertInto('forum_poll_vote')
    .values([
      { poll_id: pollId, member_id: memberIds.get('QuietOak') as string, option_id: options[2]?.id as string },
      { poll_id: pollId, member_id: memberIds.get('Wren') as string, option_id: options[2]?.id as string },
      { poll_id: pollId, member_id: memberIds.get('HarbourLight') as string, option_id: options[3]?.id as string },
    ])
    .execute()
}
