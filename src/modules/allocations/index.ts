import type { Db, Tx } from '../../platform/db/database.ts'
import { elementPlaces, positionOnWaitingList } from './repository.ts'
import { daysSince, freePlaces } from './rules.ts'

export { allocationsPaths } from './paths.ts'
export { allocationsRoutes } from './routes.ts'

/**
 * Where a waiting referral stands, for the referral's own page (the referrer sees the place
 * and the time waiting): its position in its element's list, of how many, and whole days
 * since it was referred. Undefined when the referral is not waiting. The caller has already
 * found the referral in their scope.
 */
export async function waitingListPosition(tx: Tx, referralId: string, now: Date = new Date()): Promise<{ position: number; of: number; waitingSinceDays: number } | undefined> {
  const found = await positionOnWaitingList(tx, referralId)
  if (!found) return undefined
  return { position: found.position, of: found.of, waitingSinceDays: found.referred_at === null ? 0 : daysSince(found.referred_at, now) }
}

/** Each element of a service, in order, with its places, how many are taken and how many are free (null: not limited). For the service's public page. */
export async function freePlacesByElement(db: Db | Tx, serviceId: string): Promise<Array<{ elementId: string; name: string; capacity: number | null; taken: number; free: number | null }>> {
  const elements = await elementPlaces(db, serviceId)
  return elements.map((element) => ({ elementId: element.id, name: element.name, capacity: element.capacity, taken: element.taken, free: freePlaces(element.capacity, element.taken) }))
}
