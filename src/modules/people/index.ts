export { peoplePaths } from './paths.ts'
export { peopleRoutes } from './routes.ts'
// The one reading of typed person fields and the batch insert, shared with the cohort import.
export { readPersonFields, type NewPersonRecord, type FieldProblem, type Reading, type TypedFields, type PersonIdentifier, type PersonAlias } from './person-fields.ts'
export { insertPersonRecords } from './repository.ts'
// The reading of a GOV.UK date input (or a YYYY-MM-DD value), shared with the referral form.
export { readDateField, type DateReading } from './person-fields.ts'
// The JSON API bodies, for the OpenAPI document.
export { createPersonApiBody, updatePersonApiBody } from './forms.ts'
export { isValidCrn, isValidNhsNumber, isValidPncId, isValidPrisonNumber, normaliseCrn, normaliseNhsNumber, normalisePncId, normalisePrisonNumber } from './identifiers.ts'
// A timeline event's kind in words, for the case history.
export { timelineKindInWords } from './rules.ts'
