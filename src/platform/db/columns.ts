import { sql, type Expression, type RawBuilder } from 'kysely'
import type { Dialect } from './database.ts'

/**
 * The column types of ARCHITECTURE.md "Data conventions", one name per kind of value.
 * SQLite has no such types; the declared names `boolean` and `json_text` are read back
 * by the SQLite driver (statement column metadata) to convert values, so application
 * code sees the same JavaScript values on both dialects.
 */
export interface ColumnTypes {
  id: RawBuilder<unknown>
  text: RawBuilder<unknown>
  integer: RawBuilder<unknown>
  bigint: RawBuilder<unknown>
  boolean: RawBuilder<unknown>
  instant: RawBuilder<unknown>
  date: RawBuilder<unknown>
  json: RawBuilder<unknown>
  /** Default for an instant column: the time of the insert, in UTC. */
  now: Expression<unknown>
}

export function columnTypes(dialect: Dialect): ColumnTypes {
  if (dialect === 'postgres') {
    return {
      id: sql.raw('uuid'),
      text: sql.raw('text'),
      integer: sql.raw('integer'),
      bigint: sql.raw('bigint'),
      boolean: sql.raw('boolean'),
      instant: sql.raw('timestamptz'),
      date: sql.raw('date'),
      json: sql.raw('jsonb'),
      now: sql`now()`,
    }
  }
  return {
    id: sql.raw('text'),
    text: sql.raw('text'),
    integer: sql.raw('integer'),
    bigint: sql.raw('integer'),
    boolean: sql.raw('boolean'),
    instant: sql.raw('text'),
    date: sql.raw('text'),
    json: sql.raw('json_text'),
    now: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
  }
}
