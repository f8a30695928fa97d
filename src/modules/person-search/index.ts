export { personSearchPaths, searchPageFor } from './paths.ts'
export { personSearchRoutes } from './routes.ts'
export { searchPeople, type PersonSearch, type PersonSearchResult, type QueryKind } from './search.ts'
export { foldName } from './folding.ts'
