export { forumPaths, memberSignInReturningTo } from './paths.ts'
export { forumRoutes } from './routes.ts'
// The safeguarding copies of deleted posts are destroyed after the retention period (`pathways forum purge`).
export { purgeRetainedPosts } from './privacy.ts'
export { memberCodeHash } from './codes.ts'
export { foldPhrase } from './filter.ts'
