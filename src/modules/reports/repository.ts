import { sql } from 'kysely'
import type { Tx } from '../../platform/db/database.ts'

/*
 * All SQL of the aggregate reports. Counts only: no query here returns a person's id or
 * details. "Working with" a service means an open involvement with a team delivering it;
 * a person's ethnic group is their current answer (one per person), 'not_known' if none.
 */

export interface ServiceColumn {
  id: string
  name: string
}

export interface EthnicityCount {
  ethnicity: string
  /** Null for the count across all services. */
  service_id: string | null
  people: number
}

export function servicesByName(tx: Tx): Promise<ServiceColumn[]> {
  return tx.selectFrom('service').select(['id', 'name']).orderBy('name').orderBy('id').execute()
}

/** Open involvements with service teams, each with the person's current ethnic group. */
function workingWithServices(tx: Tx) {
  return tx
    .selectFrom('involvement')
    .innerJoin('team', 'team.id', 'involvement.team_id')
    .innerJoin('person', 'person.id', 'involvement.person_id')
    .leftJoin('person_characteristic as ethnicity', (join) =>
      join.onRef('ethnicity.person_id', '=', 'involvement.person_id').on('ethnicity.characteristic', '=', 'ethnicity').on('ethnicity.superseded_at', 'is', null),
    )
    .where('involvement.status', '=', 'open')
    .where('team.service_id', 'is not', null)
    // A merged record lives on in its survivor.
    .where('person.merged_into_id', 'is', null)
}

const ethnicityCode = sql<string>`coalesce(ethnicity.code, 'not_known')`

/** People per ethnic group and service, and per ethnic group across all services (service_id null), each person counted once per line. */
export async function peopleByEthnicityAndService(tx: Tx): Promise<EthnicityCount[]> {
  const [byService, overall] = await Promise.all([
    workingWithServices(tx)
      .select((eb) => [ethnicityCode.as('ethnicity'), 'team.service_id', eb.fn.count<number>('involvement.person_id').distinct().as('people')])
      .groupBy([ethnicityCode, 'team.service_id'])
      .execute(),
    workingWithServices(tx)
      .select((eb) => [ethnicityCode.as('ethnicity'), eb.fn.count<number>('involvement.person_id').distinct().as('people')])
      .groupBy(ethnicityCode)
      .execute(),
  ])
  return [...byService, ...overall.map((row) => ({ ...row, service_id: null }))].map((row) => ({ ...row, people: Number(row.people) }))
}
