// The person row's columns and what was typed, both ways: a reading becomes columns to
// write, and the record becomes the typed fields a form starts from (or an API update
// is laid over). Pure.

import type { Person } from '../../platform/db/schema.ts'
import type { PersonDetails, PersonLanguage, PersonLocation, TypedFields } from './person-fields.ts'
import type { PersonColumns } from './repository.ts'

export function detailsColumns(details: PersonDetails): PersonColumns {
  return {
    given_name: details.givenName,
    family_name: details.familyName,
    date_of_birth: details.dateOfBirth,
    sex: details.sex,
    gender_identity: details.genderIdentity,
    pronouns: details.pronouns,
  }
}

export function locationColumns(location: PersonLocation): PersonColumns {
  return { location_kind: location.locationKind, location_establishment: location.locationEstablishment, location_area: location.locationArea }
}

export function languageColumns(language: PersonLanguage): PersonColumns {
  return {
    preferred_language: language.preferredLanguage,
    interpreter_needed: language.interpreterNeeded,
    communication_needs: language.communicationNeeds,
    reasonable_adjustments: language.reasonableAdjustments,
  }
}

/** The record as typed fields; the date of birth both whole and in the three boxes of the date input. */
export function recordFields(person: Person): TypedFields {
  const [year, month, day] = person.date_of_birth.split('-')
  return {
    given_name: person.given_name,
    family_name: person.family_name,
    date_of_birth: person.date_of_birth,
    'date_of_birth-day': String(Number(day)),
    'date_of_birth-month': String(Number(month)),
    'date_of_birth-year': year,
    sex: person.sex ?? '',
    gender_identity: person.gender_identity ?? '',
    pronouns: person.pronouns ?? '',
    location_kind: person.location_kind ?? '',
    location_establishment: person.location_establishment ?? '',
    location_area: person.location_area ?? '',
    preferred_language: person.preferred_language ?? '',
    interpreter_needed: person.interpreter_needed ? 'yes' : 'no',
    communication_needs: person.communication_needs ?? '',
    reasonable_adjustments: person.reasonable_adjustments ?? '',
  }
}
