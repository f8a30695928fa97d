import type { Db, Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { jsonValue } from '../../platform/db/values.ts'

type Reader = Db | Tx

export interface MeasurementRow {
  id: string
  instrument_key: string
  instrument_version: string
  measured_on: string
  /** Item key → the answer chosen, before any reverse scoring. */
  answers: Record<string, number>
  total: number
  recorded_by: string
  recorded_by_name: string | null
  created_at: string
}

/**
 * Every measurement of a case the caller has already found in scope (casework findCaseView),
 * oldest first per instrument: the order the chart, the table and "first to latest" read them in.
 */
export function caseMeasurements(tx: Tx, allocationId: string): Promise<MeasurementRow[]> {
  return measurements(tx)
    .where('outcome_measurement.allocation_id', '=', allocationId)
    .orderBy('outcome_measurement.instrument_key')
    .orderBy('outcome_measurement.measured_on')
    .orderBy('outcome_measurement.created_at')
    .orderBy('outcome_measurement.id')
    .execute()
}

/** One measurement just recorded in the case (the API answers with it). */
export function caseMeasurement(db: Reader, allocationId: string, measurementId: string): Promise<MeasurementRow | undefined> {
  return measurements(db).where('outcome_measurement.allocation_id', '=', allocationId).where('outcome_measurement.id', '=', measurementId).executeTakeFirst()
}

function measurements(db: Reader) {
  return db
    .selectFrom('outcome_measurement')
    .leftJoin('staff_user', 'staff_user.id', 'outcome_measurement.recorded_by')
    .select([
      'outcome_measurement.id',
      'outcome_measurement.instrument_key',
      'outcome_measurement.instrument_version',
      'outcome_measurement.measured_on',
      'outcome_measurement.answers',
      'outcome_measurement.total',
      'outcome_measurement.recorded_by',
      'staff_user.display_name as recorded_by_name',
      'outcome_measurement.created_at',
    ])
}

export interface NewMeasurement {
  allocationId: string
  personId: string
  instrumentKey: string
  instrumentVersion: string
  measuredOn: string
  answers: Record<string, number>
  total: number
  recordedBy: string
}

export async function insertMeasurement(tx: Tx, measurement: NewMeasurement): Promise<string> {
  const id = newId()
  await tx
    .insertInto('outcome_measurement')
    .values({
      id,
      allocation_id: measurement.allocationId,
      person_id: measurement.personId,
      instrument_key: measurement.instrumentKey,
      instrument_version: measurement.instrumentVersion,
      measured_on: measurement.measuredOn,
      answers: jsonValue(measurement.answers),
      total: measurement.total,
      recorded_by: measurement.recordedBy,
    })
    .execute()
  return id
}
