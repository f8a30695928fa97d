import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { formError, parseForm } from '../../../platform/http/forms.ts'
import { updateForm } from '../forms.ts'
import { insertStaffTopic, staffCategories } from '../moderation-repository.ts'
import { staffView } from '../page.ts'
import { forumPaths } from '../paths.ts'

/** "You said, we did": staff tell members what changed because of what they said, as a topic members can reply to. */
async function render(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  return staffView(request, reply, 'forum/views/new-update.njk', { categories: await staffCategories(request.server.database.db), values: {}, ...extra }, status)
}

export const showNewUpdate = (request: FastifyRequest, reply: FastifyReply) => render(request, reply)

export async function createUpdate(request: FastifyRequest, reply: FastifyReply) {
  const values = request.body as Record<string, unknown>
  const { content, database } = request.server
  const form = parseForm(updateForm, request.body, content)
  if (!form.ok) return render(request, reply, { values, errors: form.errors, fieldErrors: form.fieldErrors }, 400)
  const categories = await staffCategories(database.db)
  if (!categories.some((category) => category.id === form.value.categoryId)) return render(request, reply, { values, ...formError('categoryId', content.t('forum.updates.errors.categoryMissing')) }, 400)
  const body = `**${content.t('forum.updates.youSaid')}** ${form.value.youSaid}\n\n**${content.t('forum.updates.weDid')}** ${form.value.weDid}`
  const topicId = await inTransaction(database.db, async (tx) => {
    const id = await insertStaffTopic(tx, { categoryId: form.value.categoryId, title: form.value.title, body, userId: request.principal!.userId, now: new Date().toISOString() })
    await auditRequest(tx, request, { action: 'forum.update.create', outcome: 'allowed', recordType: 'forum_topic', recordId: id })
    return id
  })
  return reply.redirect(`${forumPaths.moderation()}?done=update&topic=${topicId}`, 303)
}
