import type { Db } from '../../platform/db/database.ts'
import type { ServiceSetting } from './rules.ts'

export interface PublicService {
  slug: string
  name: string
  summary: string
  setting: ServiceSetting
  provider: string
}

export interface ServiceElement {
  name: string
  capacity: number | null
}

/** Public services only: no person-level data, so no scope is needed. */
function publicServices(db: Db) {
  return db
    .selectFrom('service')
    .innerJoin('organisation', 'organisation.id', 'service.organisation_id')
    .where('service.is_public', '=', true)
    .select(['service.id', 'service.slug', 'service.name', 'service.summary', 'service.setting', 'organisation.name as provider'])
}

/** The public services in one of `settings` (all when null), by name. */
export async function listPublicServices(db: Db, settings: readonly ServiceSetting[] | null): Promise<PublicService[]> {
  let query = publicServices(db)
  if (settings) query = query.where('service.setting', 'in', settings)
  const rows = await query.orderBy('service.name').orderBy('service.slug').execute()
  return rows.map(({ id: _id, ...service }) => service)
}

/** One public service with its elements in position order, or undefined when there is no public service with that slug. */
export async function findPublicService(db: Db, slug: string): Promise<(PublicService & { elements: ServiceElement[] }) | undefined> {
  const row = await publicServices(db).where('service.slug', '=', slug).executeTakeFirst()
  if (!row) return undefined
  const elements = await db
    .selectFrom('service_element')
    .where('service_id', '=', row.id)
    .select(['name', 'capacity'])
    .orderBy('position')
    .orderBy('name')
    .execute()
  const { id: _id, ...service } = row
  return { ...service, elements: elements.map((element) => ({ name: element.name, capacity: element.capacity === null ? null : Number(element.capacity) })) }
}
