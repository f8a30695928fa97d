import pg from 'pg'

/**
 * The conversions of ARCHITECTURE.md "Data conventions" in one place. Application code
 * sees ids as strings, instants as ISO-8601 UTC strings, dates as YYYY-MM-DD, booleans
 * as booleans and JSON columns as parsed values, whichever dialect stored them.
 */

/** A JSON column value to write. Arrays must pass through here: `pg` would send them as SQL arrays. */
export function jsonValue(value: unknown): string {
  return JSON.stringify(value)
}

/** Parameters bound by the SQLite driver: better-sqlite3 binds only numbers, strings, bigints, buffers and null. */
export function toSqliteParameter(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return value.toISOString()
  if (value === undefined) return null
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value) && !(value instanceof Uint8Array)) {
    return JSON.stringify(value)
  }
  return value
}

/** Declared SQLite column types whose stored values need converting on the way out. */
export const sqliteReaders: Record<string, (stored: unknown) => unknown> = {
  boolean: (stored) => (stored === null ? null : stored === 1 || stored === 1n || stored === '1' || stored === 'true'),
  json_text: (stored) => (typeof stored === 'string' ? JSON.parse(stored) : stored),
}

function isoInstant(text: string): string {
  // PostgreSQL sends "2026-11-25 14:55:00.123456+00"; Date keeps milliseconds, as SQLite's strftime('%f') does.
  return new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString()
}

const builtins = pg.types.builtins
const pgReaders = new Map<number, (text: string) => unknown>([
  [builtins.TIMESTAMPTZ, isoInstant],
  [builtins.TIMESTAMP, (text) => isoInstant(`${text}Z`)],
  [builtins.DATE, (text) => text],
  // Counts and sums come back as int8; every count this product keeps fits in 2^53.
  [builtins.INT8, (text) => Number(text)],
])

/** Type parsers for one pool, so the process-wide pg defaults stay untouched. */
export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const reader = pgReaders.get(oid)
    if (reader && format !== 'binary') return reader
    return pg.types.getTypeParser(oid, format as 'text')
  },
} as pg.CustomTypesConfig
