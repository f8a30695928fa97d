import type { Migration } from '../src/platform/db/migrator.ts'
import * as foundation from './0001-foundation.ts'
import * as identity from './0002-identity.ts'
import * as people from './0003-people.ts'
import * as personMatchingImport from './0004-person-matching-import.ts'
import * as servicesDirectory from './0005-services-directory.ts'
import * as personSearch from './0006-person-search.ts'
import * as personMerge from './0007-person-merge.ts'
import * as referrals from './0008-referrals.ts'
import * as referralAttachmentStorage from './0009-referral-attachment-storage.ts'
import * as casework from './0010-casework.ts'
import * as forum from './0011-forum.ts'
import * as benchmarkIndexes from './0012-benchmark-indexes.ts'

/** Every migration, in order. Append only: a shipped migration is never edited or removed. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'foundation', ...foundation },
  { version: 2, name: 'identity', ...identity },
  { version: 3, name: 'people', ...people },
  { version: 4, name: 'person-matching-import', ...personMatchingImport },
  { version: 5, name: 'services-directory', ...servicesDirectory },
  { version: 6, name: 'person-search', ...personSearch },
  { version: 7, name: 'person-merge', ...personMerge },
  { version: 8, name: 'referrals', ...referrals },
  { version: 9, name: 'referral-attachment-storage', ...referralAttachmentStorage },
  { version: 10, name: 'casework', ...casework },
  { version: 11, name: 'forum', ...forum },
  { version: 12, name: 'benchmark-indexes', ...benchmarkIndexes },
]
