import type { FastifyReply, FastifyRequest } from 'fastify'
import { codeList } from '../../../platform/content/code-lists.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { readWaitingList } from '../lists.ts'
import { allocationsPaths, withQuery } from '../paths.ts'
import { listedPerson, pagination, placesInWords, urgencyName, waitedInWords } from './wording.ts'

type WaitingListRequest = FastifyRequest<{ Params: { serviceId: string } }>

/** A service's waiting list, for its own teams: who waits for which element, in the order places are offered. */
export async function showWaitingList(request: WaitingListRequest, reply: FastifyReply) {
  const { serviceId } = request.params
  const list = await readWaitingList(request, serviceId)
  if (!list) throw notFound()
  const { content } = request.server
  const { filter } = list
  const now = new Date()
  const href = (changes: { page?: number; sort?: string }) =>
    withQuery(allocationsPaths.waitingList({ serviceId }), { element: filter.elementId, urgency: filter.urgency, sort: changes.sort ?? (filter.sort === 'position' ? undefined : filter.sort), page: changes.page === 1 ? undefined : changes.page })
  return reply.view('allocations/views/waiting-list.njk', {
    service: list.service,
    elements: list.elements.map((element) => ({ ...element, places: placesInWords(content, element) })),
    urgencies: codeList('urgency').codes,
    filter,
    entries: list.entries.map((entry) => ({
      ...entry,
      person: listedPerson(content, entry),
      waited: waitedInWords(content, entry.referred_at, now),
      urgencyName: urgencyName(entry.urgency),
      allocateHref: allocationsPaths.allocate({ referralId: entry.referral_id }),
    })),
    sortLinks: {
      position: href({ sort: 'position', page: 1 }),
      waiting: href({ sort: 'waiting', page: 1 }),
    },
    pagination: pagination(content, filter.page, list.entries.length, list.total, (page) => href({ page })),
  })
}
