import type { InsertObject } from 'kysely'
import { newId } from '../../platform/db/ids.ts'
import type { Database } from '../../platform/db/schema.ts'
import { jsonValue } from '../../platform/db/values.ts'
import type { Instrument } from '../outcomes/index.ts'
import type { Random } from './random.ts'
import type { DemoPlace } from './referrals.ts'

/*
 * What the demo's case work (casework.ts) is made with: the rows gathered for bulk inserts,
 * what is known of staff and services, dates, and the case-history line every record gets.
 */

export const millisPerDay = 86_400_000

export type Rows = { [Table in keyof Database]?: InsertObject<Database, Table>[] }

export const dayOf = (instant: string) => instant.slice(0, 10)
export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * millisPerDay).toISOString().slice(0, 10)
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / millisPerDay)
/** A time on a day, in UTC (10:00 and 14:00 are sessions' usual times). */
export const at = (date: string, hour: number) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`

export interface Staff {
  organisationId: string
  roles: string[]
}

export interface World {
  today: string
  now: string
  staff: Map<string, Staff>
  services: Map<string, { slug: string; name: string; organisationName: string }>
  elements: Map<string, { name: string }>
  /** Each team's service, if it delivers one. */
  teamServices: Map<string, string | null>
  core10: Instrument
  rows: Rows
}

export function push<Table extends keyof Database>(rows: Rows, table: Table, row: InsertObject<Database, Table>): void {
  const list = (rows[table] ??= []) as InsertObject<Database, Table>[]
  list.push(row)
}

/** A line of the case's history (person_timeline_event with the case), as addCaseEvent writes it. */
export function event(world: World, place: DemoPlace, line: { kind: string; category: string; at: string; recordType: string; recordId: string; by: string; details?: Record<string, unknown> }): void {
  push(world.rows, 'person_timeline_event', {
    id: newId(),
    person_id: place.personId,
    allocation_id: place.allocationId,
    occurred_at: line.at,
    kind: line.kind,
    data_category: line.category,
    organisation_id: world.staff.get(line.by)!.organisationId,
    record_type: line.recordType,
    record_id: line.recordId,
    details: line.details ? jsonValue(line.details) : null,
    recorded_by: line.by,
  })
}

/** The case's workers: who writes what. Every place has a keyworker or a lead clinician. */
export function workersOf(world: World, place: DemoPlace) {
  const referrerIsProbation = world.staff.get(place.referrerId)?.roles.includes('probation_officer') ?? false
  return {
    keyworker: place.keyworkerId,
    clinician: place.leadClinicianId,
    offenderManager: referrerIsProbation ? place.referrerId : null,
    main: (place.leadClinicianId ?? place.keyworkerId)!,
  }
}

/** One text, at random, for each key. */
export function pickText(random: Random, texts: Readonly<Record<string, readonly string[]>>): Record<string, string> {
  return Object.fromEntries(Object.entries(texts).map(([key, options]) => [key, random.pick(options)]))
}
