import { path } from '../../platform/http/paths.ts'

export const contactsPaths = {
  /** The contacts section of a case: planned and past, newest first. */
  list: path('/cases/:allocationId/contacts'),
  /** GET the form; POST records a contact of the case (planned, or with its outcome). */
  record: path('/cases/:allocationId/contacts/new'),
  /** GET the form; POST records what happened at a planned contact, for this case's person. */
  outcome: path('/cases/:allocationId/contacts/:contactId/outcome'),
  /** GET the form (`?element=` chooses the element); POST plans a group session for people holding places in it. */
  newGroup: path('/services/:serviceId/groups/new'),
  /** GET the contact's register; POST records attendance per person (for the teams delivering its service). */
  attendance: path('/contacts/:contactId/attendance'),
  api: {
    /** GET a case's contacts; POST records one. */
    caseContacts: path('/api/v1/cases/:allocationId/contacts'),
    attendance: path('/api/v1/contacts/:contactId/attendance'),
  },
}
