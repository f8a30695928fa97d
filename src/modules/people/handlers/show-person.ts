import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import type { Scope } from '../../../platform/auth/scope.ts'
import { labelOf } from '../../../platform/content/code-lists.ts'
import { inTransaction, type Tx } from '../../../platform/db/database.ts'
import type { Person } from '../../../platform/db/schema.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { pageFrom, pageOf, peoplePaths } from '../paths.ts'
import {
  aliasesOf,
  breakGlassInForce,
  currentCharacteristicsOf,
  findPerson,
  identifiersOf,
  involvementsOf,
  needsOf,
  survivorInScope,
  teamsOf,
  timelineOf,
  timelinePageSize,
} from '../repository.ts'
import { describeChange, equalityCharacteristics, timelineKindInWords, type Wording } from '../rules.ts'
import { personIdOf, type PersonRequest } from './sections.ts'

async function recordParts(tx: Tx, scope: Scope, personId: string) {
  const [identifiers, aliases, characteristics, needs, involvements] = await Promise.all([
    identifiersOf(tx, personId),
    aliasesOf(tx, personId),
    currentCharacteristicsOf(tx, personId),
    needsOf(tx, personId),
    involvementsOf(tx, scope, personId),
  ])
  return { identifiers, aliases, characteristics, needs, involvements }
}

/**
 * Reads the whole record in scope, with its audit row in the same transaction. Out of scope
 * and nonexistent look the same (404), so neither the page nor the API confirms that
 * someone is known to another agency; the refused attempt is audited.
 */
export async function readPersonRecord<Extra>(request: FastifyRequest, personId: string, extra: (tx: Tx, scope: Scope, person: Person) => Promise<Extra>) {
  const scope = request.scope!
  return inTransaction(request.server.database.db, async (tx) => {
    const person = await findPerson(tx, scope, personId)
    if (!person) {
      await auditRequest(tx, request, { action: 'person.view', outcome: 'denied', personId })
      return null
    }
    const [parts, breakGlass, more] = await Promise.all([recordParts(tx, scope, personId), breakGlassInForce(tx, scope, personId), extra(tx, scope, person)])
    await auditRequest(tx, request, { action: 'person.view', outcome: 'allowed', personId, recordType: 'person', recordId: personId })
    return { person, breakGlass, ...parts, ...more }
  })
}

// As the londonDate filter shows a calendar date.
const calendarDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

export function wordingOf(request: FastifyRequest): Wording {
  const { content } = request.server
  return {
    t: (key, params) => content.t(key, params),
    has: (key) => content.has(key),
    labelOf: (list, code) => labelOf(list, code),
    date: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? calendarDate.format(new Date(`${value}T00:00:00Z`)) : value),
  }
}

/** The person's summary page: every part of the record, links to change each part, and the timeline. */
export async function showPerson(request: PersonRequest, reply: FastifyReply) {
  const page = pageFrom(request.query)
  const record = await readPersonRecord(request, personIdOf(request), async (tx, scope, person) => {
    const [timeline, ownTeams, survivor] = await Promise.all([
      timelineOf(tx, scope, person.id, page),
      teamsOf(tx, scope),
      person.merged_into_id === null ? undefined : survivorInScope(tx, scope, person.merged_into_id),
    ])
    return { timeline, ownTeams, survivor }
  })
  if (!record) throw notFound()
  const words = wordingOf(request)
  const timeline = record.timeline.slice(0, timelinePageSize).map((entry) =>
    entry.source === 'event'
      ? { at: entry.event.occurred_at, heading: timelineKindInWords(entry.event.kind, words), by: entry.event.recorded_by_name, organisation: entry.event.organisation_name, lines: [] }
      : { at: entry.change.changed_at, by: entry.change.changed_by_name, organisation: null, ...describeChange(entry.change.section, entry.change.changes, words) },
  )
  const ownTeamIds = new Set(record.ownTeams.map((team) => team.id))
  const personId = record.person.id
  return reply.view('people/views/person.njk', {
    ...record,
    characteristics: equalityCharacteristics.map((name) => ({ name, code: record.characteristics.find((row) => row.characteristic === name)?.code ?? null })),
    involvements: record.involvements.map((involvement) => ({ ...involvement, ownTeam: ownTeamIds.has(involvement.team_id) })),
    canStartWork: record.ownTeams.some((team) => !record.involvements.some((involvement) => involvement.status === 'open' && involvement.team_id === team.id)),
    // Change links only for someone who may change the record, and never on a merged one.
    canEdit: request.principal!.capabilities.has('person:write') && record.person.merged_into_id === null,
    timeline,
    timelinePagination: {
      previous: page > 1 ? { href: pageOf(peoplePaths.person({ personId }), page - 1) } : undefined,
      next: record.timeline.length > timelinePageSize ? { href: pageOf(peoplePaths.person({ personId }), page + 1) } : undefined,
    },
  })
}
