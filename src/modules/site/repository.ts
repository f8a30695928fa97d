import type { Db } from '../../platform/db/database.ts'

export interface PartnershipFigures {
  organisations: number
  services: number
}

/** Counts for the home page: no person-level data, so no scope is needed. */
export async function partnershipFigures(db: Db): Promise<PartnershipFigures> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('organisation').select((c) => c.fn.countAll<number>().as('n')).as('organisations'),
      eb.selectFrom('service').where('is_public', '=', true).select((c) => c.fn.countAll<number>().as('n')).as('services'),
    ])
    .executeTakeFirstOrThrow()
  return { organisations: Number(row.organisations), services: Number(row.services) }
}
