export { personMergePaths } from './paths.ts'
export { personMergeRoutes } from './routes.ts'
export { personLinkedTables, reversibleForDays } from './rules.ts'
