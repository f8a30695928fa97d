import { defineRoutes } from '../../platform/http/routes.ts'
import { chooseDuplicate } from './handlers/choose-duplicate.ts'
import { showConfirmation } from './handlers/confirm-merge.ts'
import { listMerges } from './handlers/list-merges.ts'
import { mergeDuplicate } from './handlers/merge-people.ts'
import { reverseMergeInto } from './handlers/reverse-merge.ts'
import { personMergePaths as paths } from './paths.ts'

/** Merging a duplicate record into the record that is kept, and reversing it while that is still safe. */
export const personMergeRoutes = defineRoutes([
  { method: 'GET', path: paths.choose.pattern, capability: 'person:merge', audit: 'person.merge.view', handler: chooseDuplicate },
  { method: 'GET', path: paths.confirm.pattern, capability: 'person:merge', audit: 'person.merge.view', handler: showConfirmation },
  { method: 'POST', path: paths.choose.pattern, capability: 'person:merge', audit: 'person.merge', handler: mergeDuplicate },
  { method: 'GET', path: paths.merges.pattern, capability: 'person:read', audit: 'person.merge.view', handler: listMerges },
  { method: 'POST', path: paths.reverse.pattern, capability: 'person:merge', audit: 'person.merge.reverse', handler: reverseMergeInto },
])
