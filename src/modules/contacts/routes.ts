import { fieldProblemsResponse } from '../../platform/http/openapi.ts'
import { defineRoutes } from '../../platform/http/routes.ts'
import { attendanceApiBody, attendanceResponse, caseContactResponse, caseContactsResponse, contactApiBody, contactListQuery, refusedResponse } from './forms.ts'
import { attendanceFromApi, caseContactsForApi, recordContactFromApi } from './handlers/api.ts'
import { showAttendance, takeAttendance } from './handlers/attendance.ts'
import { createGroup, showNewGroup } from './handlers/new-group.ts'
import { recordContact, showRecordContact } from './handlers/record-contact.ts'
import { recordOutcome, showRecordOutcome } from './handlers/record-outcome.ts'
import { showContacts } from './handlers/show-contacts.ts'
import { contactsPaths as paths } from './paths.ts'

/**
 * A case's contacts are read and written through the case (its person in the caller's
 * scope, the contact category readable); group sessions and their registers belong to the
 * teams delivering the service (checked in SQL). Anything out of reach is "not found",
 * audited as a denial.
 */
export const contactsRoutes = defineRoutes([
  { method: 'GET', path: paths.list.pattern, capability: 'casework:read', audit: 'contact.view', handler: showContacts },
  { method: 'GET', path: paths.record.pattern, capability: 'casework:write', audit: 'contact.view', handler: showRecordContact },
  { method: 'POST', path: paths.record.pattern, capability: 'casework:write', audit: 'contact.create', handler: recordContact },
  { method: 'GET', path: paths.outcome.pattern, capability: 'casework:write', audit: 'contact.view', handler: showRecordOutcome },
  { method: 'POST', path: paths.outcome.pattern, capability: 'casework:write', audit: 'contact.outcome', handler: recordOutcome },
  { method: 'GET', path: paths.newGroup.pattern, capability: 'casework:write', audit: 'contact.view', handler: showNewGroup },
  { method: 'POST', path: paths.newGroup.pattern, capability: 'casework:write', audit: 'contact.create', handler: createGroup },
  { method: 'GET', path: paths.attendance.pattern, capability: 'casework:write', audit: 'contact.view', handler: showAttendance },
  { method: 'POST', path: paths.attendance.pattern, capability: 'casework:write', audit: 'contact.outcome', handler: takeAttendance },

  {
    method: 'GET',
    path: paths.api.caseContacts.pattern,
    capability: 'casework:read',
    audit: 'contact.view',
    handler: caseContactsForApi,
    api: {
      summary: "A case's contacts, newest first (planned ones still to come lead), with this person's outcome of each",
      tag: 'Contacts',
      query: contactListQuery,
      responses: {
        200: { description: 'One page of the contacts; a group session gives counts of attendees, never who', body: caseContactsResponse },
        403: { description: 'The case is in scope but its contacts are not shared with the caller (or the caller lacks casework:read)' },
        404: { description: 'No case the caller may see has this id' },
      },
    },
  },
  {
    method: 'POST',
    path: paths.api.caseContacts.pattern,
    capability: 'casework:write',
    audit: 'contact.create',
    handler: recordContactFromApi,
    api: {
      summary: 'Record a contact of the case: planned, or with its outcome once it has happened',
      tag: 'Contacts',
      body: contactApiBody,
      responses: {
        201: { description: 'The contact', body: caseContactResponse },
        404: { description: 'No case the caller may see has this id' },
        409: { description: 'The case is closed (error "case_closed")', body: refusedResponse },
        422: { description: 'A field is missing or wrong: an outcome is needed once the time has passed, a future contact can only be cancelled, a cancellation needs cancelledBy and reason, a tier’s kind needs the case in that tier', body: fieldProblemsResponse },
      },
    },
  },
  {
    method: 'POST',
    path: paths.api.attendance.pattern,
    capability: 'casework:write',
    audit: 'contact.outcome',
    handler: attendanceFromApi,
    api: {
      summary: 'Record attendance at a contact (a group session or any other) per attendee, by their case (for members of a team delivering its service)',
      tag: 'Contacts',
      body: attendanceApiBody,
      responses: {
        200: { description: 'The contact and every attendee’s outcome', body: attendanceResponse },
        404: { description: 'No contact of a service the caller’s teams deliver has this id' },
        409: { description: 'An attendee’s outcome is already recorded (error "already_recorded"); outcomes are written once', body: refusedResponse },
        422: { description: 'A field is missing or wrong, or an allocationId is not an attendee of the contact', body: fieldProblemsResponse },
      },
    },
  },
])
