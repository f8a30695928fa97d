import { defineRoutes } from '../../platform/http/routes.ts'
import { downloadPosts, showAccount } from './handlers/account.ts'
import { search, showCategory, showHome, showTopic } from './handlers/browse.ts'
import { join, showJoin } from './handlers/join.ts'
import { invite, newCode, showConcern, showInvite, showMembers } from './handlers/members.ts'
import { reinstateMember, showIdentity, showModerationMember, suspendMember, warnMember } from './handlers/moderation-members.ts'
import { approvePost, editAsModerator, hidePost, raiseConcernAsModerator, restorePost, showModerationPost, showModeratorEdit, showQueue } from './handlers/moderation-posts.ts'
import { deletePost, editOwnPost, flagPost, showDeletePost, showEditPost, showFlagPost } from './handlers/own-posts.ts'
import { closePoll, createPoll, showNewPoll, showPoll, vote } from './handlers/polls.ts'
import { showSignIn, signIn, signOut } from './handlers/sign-in.ts'
import { dismissSupport, showSupport } from './handlers/support.ts'
import { createUpdate, showNewUpdate } from './handlers/updates.ts'
import { addToWatchList, removeFromWatchList, showWatchWords } from './handlers/watch-words.ts'
import { createTopic, postReply, showNewTopic } from './handlers/write.ts'
import { forumPaths as paths } from './paths.ts'

/**
 * Members' routes need `forum:member`, which only a member's own session gives (never a
 * staff role); moderation needs `forum:moderate`; inviting members `forum:invite`, and a
 * concern task's link `casework:read` with the author's person in scope (or the caller their
 * sponsor). Reads of what members wrote are audited on the staff side; every moderation
 * action, invitation, escalation and identity reveal is audited in its transaction.
 */
export const forumRoutes = defineRoutes([
  { method: 'GET', path: paths.signIn.pattern, capability: 'public', audit: 'none', handler: showSignIn },
  { method: 'POST', path: paths.signIn.pattern, capability: 'public', audit: 'none', handler: signIn },
  { method: 'GET', path: paths.join.pattern, capability: 'public', audit: 'none', handler: showJoin },
  { method: 'POST', path: paths.join.pattern, capability: 'public', audit: 'none', handler: join },

  { method: 'POST', path: paths.signOut.pattern, capability: 'forum:member', audit: 'none', handler: signOut },
  { method: 'GET', path: paths.home.pattern, capability: 'forum:member', audit: 'none', handler: showHome },
  { method: 'GET', path: paths.support.pattern, capability: 'forum:member', audit: 'none', handler: showSupport },
  { method: 'POST', path: paths.dismissSupport.pattern, capability: 'forum:member', audit: 'none', handler: dismissSupport },
  { method: 'GET', path: paths.category.pattern, capability: 'forum:member', audit: 'none', handler: showCategory },
  { method: 'GET', path: paths.newTopic.pattern, capability: 'forum:member', audit: 'none', handler: showNewTopic },
  { method: 'POST', path: paths.newTopic.pattern, capability: 'forum:member', audit: 'forum.post.create', handler: createTopic },
  { method: 'GET', path: paths.topic.pattern, capability: 'forum:member', audit: 'none', handler: (request, reply) => showTopic(request, reply) },
  { method: 'POST', path: paths.reply.pattern, capability: 'forum:member', audit: 'forum.post.create', handler: postReply },
  { method: 'GET', path: paths.editPost.pattern, capability: 'forum:member', audit: 'none', handler: showEditPost },
  { method: 'POST', path: paths.editPost.pattern, capability: 'forum:member', audit: 'forum.post.edit', handler: editOwnPost },
  { method: 'GET', path: paths.flagPost.pattern, capability: 'forum:member', audit: 'none', handler: showFlagPost },
  { method: 'POST', path: paths.flagPost.pattern, capability: 'forum:member', audit: 'forum.post.flag', handler: flagPost },
  { method: 'GET', path: paths.deletePost.pattern, capability: 'forum:member', audit: 'none', handler: showDeletePost },
  { method: 'POST', path: paths.deletePost.pattern, capability: 'forum:member', audit: 'forum.post.delete', handler: deletePost },
  { method: 'GET', path: paths.search.pattern, capability: 'forum:member', audit: 'none', handler: search },
  { method: 'GET', path: paths.account.pattern, capability: 'forum:member', audit: 'none', handler: showAccount },
  { method: 'GET', path: paths.download.pattern, capability: 'forum:member', audit: 'forum.posts.download', handler: downloadPosts },
  { method: 'GET', path: paths.poll.pattern, capability: 'forum:member', audit: 'none', handler: showPoll },
  { method: 'POST', path: paths.poll.pattern, capability: 'forum:member', audit: 'forum.poll.vote', handler: vote },

  { method: 'GET', path: paths.members.pattern, capability: 'forum:invite', audit: 'forum.member.list', handler: showMembers },
  { method: 'GET', path: paths.invite.pattern, capability: 'forum:invite', audit: 'none', handler: (request, reply) => showInvite(request, reply) },
  { method: 'POST', path: paths.invite.pattern, capability: 'forum:invite', audit: 'forum.member.invite', handler: invite },
  { method: 'POST', path: paths.newCode.pattern, capability: 'forum:invite', audit: 'forum.member.code', handler: newCode },
  { method: 'GET', path: paths.concern.pattern, capability: 'casework:read', audit: 'forum.concern.view', handler: showConcern },

  { method: 'GET', path: paths.moderation.pattern, capability: 'forum:moderate', audit: 'forum.moderation.view', handler: showQueue },
  { method: 'GET', path: paths.moderationPost.pattern, capability: 'forum:moderate', audit: 'none', handler: (request, reply) => showModerationPost(request, reply) },
  { method: 'POST', path: paths.approvePost.pattern, capability: 'forum:moderate', audit: 'forum.post.approve', handler: approvePost },
  { method: 'POST', path: paths.hidePost.pattern, capability: 'forum:moderate', audit: 'forum.post.hide', handler: hidePost },
  { method: 'POST', path: paths.restorePost.pattern, capability: 'forum:moderate', audit: 'forum.post.restore', handler: restorePost },
  { method: 'GET', path: paths.moderatorEdit.pattern, capability: 'forum:moderate', audit: 'none', handler: showModeratorEdit },
  { method: 'POST', path: paths.moderatorEdit.pattern, capability: 'forum:moderate', audit: 'forum.post.moderator-edit', handler: editAsModerator },
  { method: 'POST', path: paths.raiseConcern.pattern, capability: 'forum:moderate', audit: 'forum.concern.raise', handler: raiseConcernAsModerator },
  { method: 'GET', path: paths.moderationMember.pattern, capability: 'forum:moderate', audit: 'none', handler: (request, reply) => showModerationMember(request, reply) },
  { method: 'GET', path: paths.memberIdentity.pattern, capability: 'forum:moderate', audit: 'forum.member.identity.view', handler: showIdentity },
  { method: 'POST', path: paths.warnMember.pattern, capability: 'forum:moderate', audit: 'forum.member.warn', handler: warnMember },
  { method: 'POST', path: paths.suspendMember.pattern, capability: 'forum:moderate', audit: 'forum.member.suspend', handler: suspendMember },
  { method: 'POST', path: paths.reinstateMember.pattern, capability: 'forum:moderate', audit: 'forum.member.reinstate', handler: reinstateMember },
  { method: 'GET', path: paths.watchWords.pattern, capability: 'forum:moderate', audit: 'none', handler: showWatchWords },
  { method: 'POST', path: paths.watchWords.pattern, capability: 'forum:moderate', audit: 'forum.watch-word.add', handler: addToWatchList },
  { method: 'POST', path: paths.removeWatchWord.pattern, capability: 'forum:moderate', audit: 'forum.watch-word.remove', handler: removeFromWatchList },
  { method: 'GET', path: paths.newPoll.pattern, capability: 'forum:moderate', audit: 'none', handler: showNewPoll },
  { method: 'POST', path: paths.newPoll.pattern, capability: 'forum:moderate', audit: 'forum.poll.create', handler: createPoll },
  { method: 'POST', path: paths.closePoll.pattern, capability: 'forum:moderate', audit: 'forum.poll.close', handler: closePoll },
  { method: 'GET', path: paths.newUpdate.pattern, capability: 'forum:moderate', audit: 'none', handler: showNewUpdate },
  { method: 'POST', path: paths.newUpdate.pattern, capability: 'forum:moderate', audit: 'forum.update.create', handler: createUpdate },
])
