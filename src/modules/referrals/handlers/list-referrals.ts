import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { waitingListPosition } from '../../allocations/index.ts'
import { inboxQuery, inboxStatuses, myReferralsQuery } from '../forms.ts'
import { pageCount, paginationLinks, sortHeading, type Order } from '../../../platform/views/lists.ts'
import { listPage, referralsPaths } from '../paths.ts'
import { inboxCounts, inboxPage, listPageSize, myReferralsPage, servicesOfTeams, servicesReferredTo, type ListFilter, type ListSort, type ListedReferral } from '../repository.ts'
import { referralStatuses, type ReferralStatus } from '../rules.ts'

/*
 * The caller's own referrals, and the team inbox of referrals waiting for a decision: filters
 * and sorting from the query string, one page at a time, each read audited as a list.
 */

/** Newest first for dates; A to Z (and the journey's order for statuses) otherwise. */
const firstOrder = (sort: ListSort): Order => (sort === 'referred' ? 'desc' : 'asc')

function filterFrom(query: { status?: ReferralStatus | undefined; service?: string | undefined; sort?: ListSort | undefined; order?: Order | undefined; page?: number | undefined }, defaults: { sort: ListSort; order: Order }): ListFilter {
  const sort = query.sort ?? defaults.sort
  return { status: query.status, serviceId: query.service, sort, order: query.order ?? (query.sort ? firstOrder(sort) : defaults.order), page: query.page ?? 1 }
}

export interface MyReferrals {
  filter: ListFilter
  rows: Array<ListedReferral & { waiting?: { position: number; of: number; waitingSinceDays: number } | undefined }>
  total: number
  services: Array<{ id: string; name: string }>
}

/** A page of the referrals the caller made, with the waiting ones' places in their lists; audited as a list read. */
export async function readMyReferrals(request: FastifyRequest): Promise<MyReferrals> {
  const scope = request.scope!
  const filter = filterFrom(myReferralsQuery.parse(request.query ?? {}), { sort: 'referred', order: 'desc' })
  return inTransaction(request.server.database.db, async (tx) => {
    const [{ rows, total }, services] = await Promise.all([myReferralsPage(tx, scope, filter), servicesReferredTo(tx, scope)])
    // At most a page of waiting referrals, each asked for its place in its own list.
    const withPlaces = await Promise.all(rows.map(async (row) => ({ ...row, waiting: row.status === 'waiting' ? await waitingListPosition(tx, row.id, new Date(scope.now)) : undefined })))
    await auditRequest(tx, request, { action: 'referral.list', outcome: 'allowed', details: { list: 'mine', shown: rows.length, page: filter.page } })
    return { filter, rows: withPlaces, total, services }
  })
}

function listLinks(base: string, filter: ListFilter) {
  const href = (changes: { sort?: string; order?: string; page?: number }) =>
    listPage(base, { status: filter.status, service: filter.serviceId, sort: filter.sort, order: filter.order, ...changes, page: changes.page === 1 ? undefined : changes.page })
  // A new sort starts again from the first page.
  const heading = (text: string, column: ListSort) => sortHeading(text, column, filter, firstOrder(column), (sort, order) => href({ sort, order, page: 1 }))
  return { href, heading }
}

function pageOrNotFound(filter: ListFilter, total: number): number {
  const pages = pageCount(total, listPageSize)
  if (filter.page > pages) throw notFound()
  return pages
}

export async function showMyReferrals(request: FastifyRequest, reply: FastifyReply) {
  const { content } = request.server
  const list = await readMyReferrals(request)
  const pages = pageOrNotFound(list.filter, list.total)
  const { href, heading } = listLinks(referralsPaths.mine(), list.filter)
  return reply.view('referrals/views/my-referrals.njk', {
    ...list,
    statuses: referralStatuses,
    headings: {
      person: heading(content.t('referrals.list.person'), 'person'),
      referred: heading(content.t('referrals.list.referred'), 'referred'),
      status: heading(content.t('referrals.list.status'), 'status'),
    },
    range: { from: (list.filter.page - 1) * listPageSize + 1, to: (list.filter.page - 1) * listPageSize + list.rows.length, total: list.total },
    pagination: paginationLinks(list.filter.page, pages, (page) => href({ page })),
  })
}

/** New and in-review referrals to the services of the caller's teams, oldest first unless sorted otherwise. */
export async function showInbox(request: FastifyRequest, reply: FastifyReply) {
  const { content } = request.server
  const scope = request.scope!
  const filter = filterFrom(inboxQuery.parse(request.query ?? {}), { sort: 'referred', order: 'asc' })
  const inbox = await inTransaction(request.server.database.db, async (tx) => {
    const services = await servicesOfTeams(tx, scope)
    const serviceIds = filter.serviceId === undefined ? services.map((service) => service.id) : services.filter((service) => service.id === filter.serviceId).map((service) => service.id)
    const statuses = filter.status === undefined ? [...inboxStatuses] : [filter.status]
    const [{ rows, total }, counts] =
      serviceIds.length === 0 ? [{ rows: [], total: 0 }, new Map<string, number>()] : await Promise.all([inboxPage(tx, scope, serviceIds, statuses, filter), inboxCounts(tx, scope, serviceIds, [...inboxStatuses])])
    await auditRequest(tx, request, { action: 'referral.list', outcome: 'allowed', details: { list: 'inbox', shown: rows.length, page: filter.page } })
    return { services, rows, total, counts }
  })
  const pages = pageOrNotFound(filter, inbox.total)
  const { href, heading } = listLinks(referralsPaths.inbox(), filter)
  return reply.view('referrals/views/inbox.njk', {
    ...inbox,
    filter,
    statuses: inboxStatuses,
    counts: inboxStatuses.map((status) => ({ status, count: inbox.counts.get(status) ?? 0, href: listPage(referralsPaths.inbox(), { status, service: filter.serviceId }) })),
    headings: {
      person: heading(content.t('referrals.list.person'), 'person'),
      service: heading(content.t('referrals.list.service'), 'service'),
      referred: heading(content.t('referrals.list.referred'), 'referred'),
      status: heading(content.t('referrals.list.status'), 'status'),
    },
    range: { from: (filter.page - 1) * listPageSize + 1, to: (filter.page - 1) * listPageSize + inbox.rows.length, total: inbox.total },
    pagination: paginationLinks(filter.page, pages, (page) => href({ page })),
  })
}
