import { path } from '../../platform/http/paths.ts'

/**
 * The forum's pages. Members' pages sit under /forum; staff pages under /forum/members
 * (inviting), /forum/concerns (a sponsor reading a post raised as a concern) and
 * /forum/moderation.
 */
export const forumPaths = {
  home: path('/forum'),
  signIn: path('/forum/sign-in'),
  signOut: path('/forum/sign-out'),
  /** With the one-time code from staff: choose a username and password (or a new password). */
  join: path('/forum/join'),
  /** Crisis contacts and, after a concern, the supportive message. */
  support: path('/forum/support'),
  dismissSupport: path('/forum/support/dismiss'),
  category: path('/forum/categories/:categoryId'),
  newTopic: path('/forum/categories/:categoryId/new'),
  topic: path('/forum/topics/:topicId'),
  reply: path('/forum/topics/:topicId/reply'),
  editPost: path('/forum/posts/:postId/edit'),
  flagPost: path('/forum/posts/:postId/flag'),
  deletePost: path('/forum/posts/:postId/delete'),
  search: path('/forum/search'),
  account: path('/forum/account'),
  download: path('/forum/account/posts.json'),
  poll: path('/forum/polls/:pollId'),

  members: path('/forum/members'),
  invite: path('/forum/members/invite'),
  /** POST: a new one-time code, for a member who lost theirs or their password. */
  newCode: path('/forum/members/:memberId/code'),
  concern: path('/forum/concerns/:postId'),

  moderation: path('/forum/moderation'),
  moderationPost: path('/forum/moderation/posts/:postId'),
  approvePost: path('/forum/moderation/posts/:postId/approve'),
  hidePost: path('/forum/moderation/posts/:postId/hide'),
  restorePost: path('/forum/moderation/posts/:postId/restore'),
  moderatorEdit: path('/forum/moderation/posts/:postId/edit'),
  raiseConcern: path('/forum/moderation/posts/:postId/concern'),
  moderationMember: path('/forum/moderation/members/:memberId'),
  memberIdentity: path('/forum/moderation/members/:memberId/identity'),
  warnMember: path('/forum/moderation/members/:memberId/warn'),
  suspendMember: path('/forum/moderation/members/:memberId/suspend'),
  reinstateMember: path('/forum/moderation/members/:memberId/reinstate'),
  watchWords: path('/forum/moderation/watch-words'),
  removeWatchWord: path('/forum/moderation/watch-words/:watchWordId/remove'),
  newPoll: path('/forum/moderation/polls/new'),
  closePoll: path('/forum/moderation/polls/:pollId/close'),
  /** "You said, we did": staff tell members what changed because of what they said. */
  newUpdate: path('/forum/moderation/you-said-we-did'),
}

/** The member sign-in page, coming back to `returnTo` afterwards. */
export function memberSignInReturningTo(returnTo: string): string {
  return `${forumPaths.signIn()}?returnTo=${encodeURIComponent(returnTo)}`
}
