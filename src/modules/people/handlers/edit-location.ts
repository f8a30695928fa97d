import { codeList, type CodeList } from '../../../platform/content/code-lists.ts'
import { readLocationFields } from '../person-fields.ts'
import { locationColumns, recordFields } from '../record-columns.ts'
import { changeSection, columnEdit, showSection, type Section } from './sections.ts'

/** Where the person is: in custody at an establishment, in a community area, or not known. No address is kept. */
const location: Section<{ kinds: CodeList }> = {
  template: 'people/views/edit-location.njk',
  firstField: 'location_kind',
  load: async () => ({ kinds: codeList('location_kind') }),
  values: (person) => recordFields(person),
  plan: async (_tx, _caller, person, _context, fields) => {
    const reading = readLocationFields(fields)
    return reading.ok ? { ok: true, edit: columnEdit(person, 'location', locationColumns(reading.value)) } : reading
  },
}

export const showLocation = showSection(location)
export const changeLocation = changeSection(location)
