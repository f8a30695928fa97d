import type { Migration } from '../src/platform/db/migrator.ts'
import * as foundation from './0001-foundation.ts'
import * as identity from './0002-identity.ts'
import * as people from './0003-people.ts'

/** Every migration, in order. Append only: a shipped migration is never edited or removed. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'foundation', ...foundation },
  { version: 2, name: 'identity', ...identity },
  { version: 3, name: 'people', ...people },
]
