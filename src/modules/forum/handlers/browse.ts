import type { FastifyReply, FastifyRequest } from 'fastify'
import { idParam } from '../../../platform/http/params.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { memberView, paging, withHtml } from '../page.ts'
import { forumPaths } from '../paths.ts'
import { openPolls } from '../polls-repository.ts'
import { mayEditOwnPost } from '../rules.ts'
import { forumSettings } from '../settings.ts'
import { findCategory, findTopic, listCategories, listPosts, listTopics, markTopicRead, searchPosts } from '../repository.ts'

/** The forum's front page: its categories and the polls open for votes. */
export async function showHome(request: FastifyRequest, reply: FastifyReply) {
  const { db } = request.server.database
  const memberId = request.member!.memberId
  const [categories, polls] = await Promise.all([listCategories(db, memberId), openPolls(db, memberId)])
  return memberView(request, reply, 'forum/views/home.njk', { categories: categories.map((category) => ({ ...category, topic_count: Number(category.topic_count) })), polls })
}

export async function showCategory(request: FastifyRequest, reply: FastifyReply) {
  const categoryId = idParam(request, 'categoryId')
  const { db } = request.server.database
  const category = await findCategory(db, categoryId)
  if (!category) throw notFound()
  const { page, size, links } = paging(request)
  const { total, topics } = await listTopics(db, request.member!.memberId, categoryId, page, size)
  return memberView(request, reply, 'forum/views/category.njk', { category, topics, pagination: links(total, (n) => `${forumPaths.category({ categoryId })}?page=${n}`) })
}

/** A thread, a page at a time; reading it marks it read. `?posted=` says what became of the member's own new post. */
export async function showTopic(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
  const topicId = idParam(request, 'topicId')
  const { db } = request.server.database
  const memberId = request.member!.memberId
  const topic = await findTopic(db, memberId, topicId)
  if (!topic) throw notFound()
  const { page, size, links } = paging(request)
  const { total, posts } = await listPosts(db, memberId, topicId, page, size)
  const now = new Date()
  const { editWindowMinutes } = forumSettings(request.server.content)
  await markTopicRead(db, memberId, topicId, now.toISOString())
  const posted = (request.query as Record<string, unknown>).posted
  return memberView(request, reply, 'forum/views/topic.njk', {
    topic,
    posts: posts.map((post) => ({ ...withHtml(post), mine: post.author_member_id === memberId, editable: post.author_member_id === memberId && mayEditOwnPost(post, now, editWindowMinutes) })),
    flagged: (request.query as Record<string, unknown>).flagged === '1',
    posted: posted === 'held' || posted === 'published' ? posted : null,
    pagination: links(total, (n) => `${forumPaths.topic({ topicId })}?page=${n}`),
    values: {},
    ...extra,
  }, status)
}

export async function search(request: FastifyRequest, reply: FastifyReply) {
  const query = String((request.query as Record<string, unknown>).q ?? '').trim().slice(0, 100)
  const { page, size, links } = paging(request)
  const found = query.length >= 2 ? await searchPosts(request.server.database.db, query, page, size) : null
  return memberView(request, reply, 'forum/views/search.njk', {
    query,
    tooShort: query.length === 1,
    results: found?.posts.map(withHtml) ?? null,
    total: found?.total ?? 0,
    pagination: found ? links(found.total, (n) => `${forumPaths.search()}?q=${encodeURIComponent(query)}&page=${n}`) : null,
  })
}
