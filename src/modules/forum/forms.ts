import { z } from 'zod'
import { passwordProblem } from '../../platform/auth/passwords.ts'
import { isCode } from '../../platform/content/code-lists.ts'
import { isId } from '../../platform/db/ids.ts'

/*
 * The forum's forms. Messages are content keys (content/forum.yml). Lengths are generous
 * for people and tight enough that nobody can post a novel in one go.
 */

const text = (missing: string, max: number, tooLong: string) => z.string({ error: missing }).trim().min(1, missing).max(max, tooLong)
const optionalText = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).optional().transform((value) => (value ? value : null))
const code = (list: string, missing: string) => z.string({ error: missing }).refine((value) => isCode(list, value), missing)
const id = (missing: string) => z.string({ error: missing }).refine(isId, missing)

export const maxPostLength = 5000

export const signInForm = z.object({
  username: text('forum.signIn.errors.usernameMissing', 100, 'forum.signIn.errors.usernameMissing'),
  password: z.string({ error: 'forum.signIn.errors.passwordMissing' }).min(1, 'forum.signIn.errors.passwordMissing').max(1000, 'forum.signIn.errors.passwordMissing'),
  returnTo: z.string().optional(),
})

/** A username: a pseudonym of letters, digits, hyphens and underscores. */
export const usernamePattern = /^[\p{L}\p{N}][\p{L}\p{N}_-]{2,23}$/u

export const joinForm = z
  .object({
    code: z
      .string({ error: 'forum.join.errors.codeMissing' })
      .transform((typed) => typed.toUpperCase().replace(/[^A-Z0-9]/g, ''))
      .pipe(z.string().min(1, 'forum.join.errors.codeMissing').max(40, 'forum.join.errors.codeWrong')),
    username: z.string({ error: 'forum.join.errors.usernameMissing' }).trim().min(1, 'forum.join.errors.usernameMissing').regex(usernamePattern, 'forum.join.errors.usernameFormat'),
    password: z.string({ error: 'forum.join.errors.passwordMissing' }).min(1, 'forum.join.errors.passwordMissing').max(1000, 'forum.join.errors.passwordTooLong'),
    confirmPassword: z.string({ error: 'forum.join.errors.confirmMissing' }).min(1, 'forum.join.errors.confirmMissing'),
  })
  .superRefine((form, context) => {
    const problem = passwordProblem(form.password)
    if (problem) context.addIssue({ code: 'custom', path: ['password'], message: `forum.join.errors.password.${problem}` })
    else if (form.password !== form.confirmPassword) context.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'forum.join.errors.confirmDifferent' })
  })

export const postForm = z.object({ body: text('forum.post.errors.bodyMissing', maxPostLength, 'forum.post.errors.bodyTooLong') })

export const topicForm = z.object({
  title: text('forum.newTopic.errors.titleMissing', 120, 'forum.newTopic.errors.titleTooLong'),
  body: text('forum.post.errors.bodyMissing', maxPostLength, 'forum.post.errors.bodyTooLong'),
})

export const flagForm = z
  .object({ reason: code('forum_flag_reason', 'forum.flag.errors.reasonMissing'), detail: optionalText(500, 'forum.flag.errors.detailTooLong') })
  .refine((form) => form.reason !== 'other' || form.detail !== null, { path: ['detail'], message: 'forum.flag.errors.detailMissing' })

export const voteForm = z.object({ option: id('forum.poll.errors.optionMissing') })

export const inviteForm = z.object({
  personId: id('forum.invite.errors.personMissing'),
  role: code('forum_member_role', 'forum.invite.errors.roleMissing'),
  sponsorUserId: id('forum.invite.errors.sponsorMissing'),
  sponsorContact: text('forum.invite.errors.contactMissing', 300, 'forum.invite.errors.contactTooLong'),
})

const reason = text('forum.moderation.errors.reasonMissing', 500, 'forum.moderation.errors.reasonTooLong')

export const reasonForm = z.object({ reason })
export const optionalReasonForm = z.object({ reason: optionalText(500, 'forum.moderation.errors.reasonTooLong') })

export const moderatorEditForm = z.object({ body: text('forum.post.errors.bodyMissing', maxPostLength, 'forum.post.errors.bodyTooLong'), reason })

export const suspendForm = z.object({
  reason,
  days: z
    .string()
    .trim()
    .optional()
    .refine((typed) => !typed || (/^\d{1,3}$/.test(typed) && Number(typed) >= 1 && Number(typed) <= 365), 'forum.moderation.errors.daysFormat')
    .transform((typed) => (typed ? Number(typed) : null)),
})

export const watchWordForm = z.object({
  kind: code('forum_watch_word_kind', 'forum.watchWords.errors.kindMissing'),
  phrase: z.string({ error: 'forum.watchWords.errors.phraseMissing' }).trim().min(2, 'forum.watchWords.errors.phraseMissing').max(100, 'forum.watchWords.errors.phraseTooLong'),
})

export const pollForm = z.object({
  question: text('forum.polls.errors.questionMissing', 200, 'forum.polls.errors.questionTooLong'),
  description: optionalText(1000, 'forum.polls.errors.descriptionTooLong'),
  options: z
    .string({ error: 'forum.polls.errors.optionsMissing' })
    .transform((typed) => typed.split(/\r?\n/).map((line) => line.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(120, 'forum.polls.errors.optionTooLong')).min(2, 'forum.polls.errors.optionsMissing').max(8, 'forum.polls.errors.tooManyOptions')),
})

export const updateForm = z.object({
  categoryId: id('forum.updates.errors.categoryMissing'),
  title: text('forum.newTopic.errors.titleMissing', 120, 'forum.newTopic.errors.titleTooLong'),
  youSaid: text('forum.updates.errors.youSaidMissing', 2000, 'forum.post.errors.bodyTooLong'),
  weDid: text('forum.updates.errors.weDidMissing', 2000, 'forum.post.errors.bodyTooLong'),
})
