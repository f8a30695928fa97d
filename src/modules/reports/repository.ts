import { sql } from 'kysely'
import type { Tx } from '../../platform/db/database.ts'

/*
 * All SQL of the aggregate reports. Counts only: no query here returns a person's id or
 * details. "Working with" a service means an open involvement with a team delivering it;
 * a person's ethnic group is their current answer, 'not_known' if none.
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

/**
 * People per ethnic group and service, and per ethnic group across all services (service_id
 * null), each person counted once per line. One pass over the open involvements of service
 * teams (their team index holds all it needs), one index-only lookup of each person's
 * ethnic group (person_characteristic_current_idx; the lowest code should a person ever
 * have two current answers), then both counts from that. A merged record has no
 * involvements left (person-merge moves them to the survivor), so it is never counted.
 */
export async function peopleByEthnicityAndService(tx: Tx): Promise<EthnicityCount[]> {
  const { rows } = await sql<EthnicityCount>`
    with pairs as materialized (
      select distinct involvement.person_id, team.service_id
      from team cross join involvement
      where involvement.team_id = team.id and involvement.status = 'open' and team.service_id is not null
    ),
    people as materialized (
      select pairs.person_id, pairs.service_id, coalesce((
        select min(answer.code) from person_characteristic answer
        where answer.characteristic = 'ethnicity' and answer.person_id = pairs.person_id and answer.superseded_at is null
      ), 'not_known') as ethnicity
      from pairs
    )
    select ethnicity, service_id, count(*) as people from people group by ethnicity, service_id
    union all
    select ethnicity, null, count(distinct person_id) from people group by ethnicity`.execute(tx)
  return rows.map((row) => ({ ...row, people: Number(row.people) }))
}
