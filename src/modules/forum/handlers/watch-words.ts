import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { formError, parseForm } from '../../../platform/http/forms.ts'
import { idParam } from '../../../platform/http/params.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { watchWordForm } from '../forms.ts'
import { addWatchWord, listWatchWords, removeWatchWord } from '../moderation-repository.ts'
import { staffView } from '../page.ts'
import { forumPaths } from '../paths.ts'
import { forumSettings } from '../settings.ts'

async function render(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  return staffView(request, reply, 'forum/views/watch-words.njk', { words: await listWatchWords(request.server.database.db), builtIn: forumSettings(request.server.content).safetyPhrases, values: {}, ...extra }, status)
}

export const showWatchWords = (request: FastifyRequest, reply: FastifyReply) => render(request, reply)

export async function addToWatchList(request: FastifyRequest, reply: FastifyReply) {
  const values = request.body as Record<string, unknown>
  const form = parseForm(watchWordForm, request.body, request.server.content)
  if (!form.ok) return render(request, reply, { values, errors: form.errors, fieldErrors: form.fieldErrors }, 400)
  const added = await inTransaction(request.server.database.db, async (tx) => {
    const id = await addWatchWord(tx, { kind: form.value.kind as 'name' | 'word' | 'safety', phrase: form.value.phrase, userId: request.principal!.userId })
    // The phrase itself stays out of the trail: a watched name is exactly what must not be copied about.
    await auditRequest(tx, request, { action: 'forum.watch-word.add', outcome: id ? 'allowed' : 'failed', recordType: 'forum_watch_word', recordId: id ?? undefined, details: { kind: form.value.kind } })
    return id
  })
  if (!added) return render(request, reply, { values, ...formError('phrase', request.server.content.t('forum.watchWords.errors.duplicate')) }, 409)
  return reply.redirect(forumPaths.watchWords(), 303)
}

export async function removeFromWatchList(request: FastifyRequest, reply: FastifyReply) {
  const id = idParam(request, 'watchWordId')
  const removed = await inTransaction(request.server.database.db, async (tx) => {
    const done = await removeWatchWord(tx, id)
    await auditRequest(tx, request, { action: 'forum.watch-word.remove', outcome: done ? 'allowed' : 'failed', recordType: 'forum_watch_word', recordId: id })
    return done
  })
  if (!removed) throw notFound()
  return reply.redirect(forumPaths.watchWords(), 303)
}
