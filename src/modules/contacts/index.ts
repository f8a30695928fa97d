/*
 * Contacts' public surface: the section's paths and routes, the kinds of contact that are a
 * community-pathway tier's work, and the contacts due for the tasks page.
 */
export { contactsPaths } from './paths.ts'
export { contactsRoutes } from './routes.ts'
export { tierOfKind, type ContactKind } from './rules.ts'
export { contactsWithoutOutcome, upcomingContacts, type DueContact, type DueContactOwner } from './repository.ts'
