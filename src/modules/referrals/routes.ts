import { defineRoutes } from '../../platform/http/routes.ts'
import {
  createReferralApiBody,
  myReferralsQuery,
  referralApiResponse,
  referralListApiResponse,
  referralProblemsResponse,
  transitionApiBody,
  transitionApiResponse,
  transitionProblemResponse,
} from './forms.ts'
import { addReferralNote } from './handlers/add-note.ts'
import { createReferralFromApi, listReferralsForApi, referralForApi, transitionReferralFromApi } from './handlers/api-referrals.ts'
import { removeReferralAttachment, showAttachments, uploadAttachment } from './handlers/attachments.ts'
import { downloadAttachment } from './handlers/download-attachment.ts'
import { showEditReferral, updateReferral } from './handlers/edit-referral.ts'
import { showInbox, showMyReferrals } from './handlers/list-referrals.ts'
import { createReferral, showNewReferral } from './handlers/new-referral.ts'
import { showReferral } from './handlers/show-referral.ts'
import { transitionReferral } from './handlers/transition-referral.ts'
import { referralsPaths as paths } from './paths.ts'

/**
 * Who reaches a referral is decided in SQL (repository.ts referralVisibleTo): the referrer's
 * side and the receiving service's side; anyone else gets "not found", and the attempt is
 * audited. Which moves each side may make is the status machine's (rules.ts).
 */
export const referralsRoutes = defineRoutes([
  { method: 'GET', path: paths.mine.pattern, capability: 'referral:read', audit: 'referral.list', handler: showMyReferrals },
  { method: 'GET', path: paths.inbox.pattern, capability: 'referral:decide', audit: 'referral.list', handler: showInbox },
  // The form names the person: a read of their record.
  { method: 'GET', path: paths.newReferral.pattern, capability: 'referral:create', audit: 'person.view', handler: showNewReferral },
  { method: 'POST', path: paths.newReferral.pattern, capability: 'referral:create', audit: 'referral.create', handler: createReferral },
  { method: 'GET', path: paths.referral.pattern, capability: 'referral:read', audit: 'referral.view', handler: showReferral },
  { method: 'GET', path: paths.edit.pattern, capability: 'referral:create', audit: 'referral.view', handler: showEditReferral },
  { method: 'POST', path: paths.edit.pattern, capability: 'referral:create', audit: 'referral.change', handler: updateReferral },
  { method: 'POST', path: paths.transitions.pattern, capability: 'referral:read', audit: 'referral.transition', handler: transitionReferral },
  { method: 'POST', path: paths.notes.pattern, capability: 'referral:read', audit: 'referral.note.add', handler: addReferralNote },
  { method: 'GET', path: paths.attachments.pattern, capability: 'referral:create', audit: 'referral.view', handler: showAttachments },
  { method: 'POST', path: paths.attachments.pattern, capability: 'referral:create', audit: 'referral.attachment.add', handler: uploadAttachment },
  { method: 'POST', path: paths.removeAttachment.pattern, capability: 'referral:create', audit: 'referral.attachment.remove', handler: removeReferralAttachment },
  { method: 'GET', path: paths.download.pattern, capability: 'referral:read', audit: 'referral.attachment.download', handler: downloadAttachment },

  {
    method: 'GET',
    path: paths.api.referrals.pattern,
    capability: 'referral:read',
    audit: 'referral.list',
    handler: listReferralsForApi,
    api: {
      summary: 'The referrals the caller made, a page at a time, newest first unless sorted otherwise',
      tag: 'Referrals',
      query: myReferralsQuery,
      responses: { 200: { description: 'A page of the caller\'s referrals', body: referralListApiResponse }, 404: { description: 'No such page' } },
    },
  },
  {
    method: 'POST',
    path: paths.api.referrals.pattern,
    capability: 'referral:create',
    audit: 'referral.create',
    handler: createReferralFromApi,
    api: {
      summary: 'Refer a person in the caller\'s scope to a service: saved as a draft, or submitted',
      tag: 'Referrals',
      body: createReferralApiBody,
      responses: {
        201: { description: 'The referral, as GET returns it', body: referralApiResponse },
        404: { description: 'No person with this id is in the caller\'s scope' },
        422: { description: 'What is wrong with the answers, field by field, in the words of the form', body: referralProblemsResponse },
      },
    },
  },
  {
    method: 'GET',
    path: paths.api.referral.pattern,
    capability: 'referral:read',
    audit: 'referral.view',
    handler: referralForApi,
    api: {
      summary: 'One referral with its history and documents; the receiving service\'s notes for its members only',
      tag: 'Referrals',
      responses: { 200: { description: 'The referral', body: referralApiResponse }, 404: { description: 'The caller is on neither side of a referral with this id' } },
    },
  },
  {
    method: 'POST',
    path: paths.api.transitions.pattern,
    capability: 'referral:read',
    audit: 'referral.transition',
    handler: transitionReferralFromApi,
    api: {
      summary: 'Move a referral on: submit, review, ask for information, accept, decline, withdraw, …',
      tag: 'Referrals',
      body: transitionApiBody,
      responses: {
        200: { description: 'The move was made', body: transitionApiResponse },
        404: { description: 'The caller is on neither side of a referral with this id' },
        409: { description: 'Not a move from the referral\'s status, not the caller\'s to make, overtaken by another change, or made with a place (the allocations API)', body: transitionProblemResponse },
        422: { description: 'A reason, note or eligibility override reason the move needs is missing or unknown', body: transitionProblemResponse },
      },
    },
  },
])
