import { codeList, type CodeList } from '../../../platform/content/code-lists.ts'
import { readDetailsFields } from '../person-fields.ts'
import { detailsColumns, recordFields } from '../record-columns.ts'
import { changeSection, columnEdit, showSection, type Section } from './sections.ts'

/** Names, date of birth, sex, gender identity and pronouns. */
const details: Section<{ sexes: CodeList; genderIdentities: CodeList }> = {
  template: 'people/views/edit-details.njk',
  firstField: 'given_name',
  load: async () => ({ sexes: codeList('sex'), genderIdentities: codeList('gender_identity') }),
  values: (person) => recordFields(person),
  plan: async (_tx, _caller, person, _context, fields) => {
    const reading = readDetailsFields(fields)
    return reading.ok ? { ok: true, edit: columnEdit(person, 'details', detailsColumns(reading.value)) } : reading
  },
}

export const showDetails = showSection(details)
export const changeDetails = changeSection(details)
