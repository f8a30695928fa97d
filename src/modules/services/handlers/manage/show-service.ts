import type { FastifyReply, FastifyRequest } from 'fastify'
import { serviceHistory } from '../../repository.ts'
import { serviceView } from '../service-view.ts'
import { managedService } from './lookups.ts'

const historyShown = 20

type ManagedService = Awaited<ReturnType<typeof managedService>>

/** The manager's page of a service, with any problems (GOV.UK error summary items) an action ran into. */
export async function renderManagedService(request: FastifyRequest, reply: FastifyReply, service: ManagedService, errors: { text: string; href: string }[] = []) {
  const history = await serviceHistory(request.server.database.db, service.id, historyShown)
  return reply.view('services/views/manage/service.njk', { service: serviceView(request, service), history, errors })
}

/** One service as its manager sees it: everything on its public page, each with a way to change it, and its latest changes. */
export async function showManagedService(request: FastifyRequest, reply: FastifyReply) {
  return renderManagedService(request, reply, await managedService(request))
}
