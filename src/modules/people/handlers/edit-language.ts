import { codeList, type CodeList } from '../../../platform/content/code-lists.ts'
import { readLanguageFields } from '../person-fields.ts'
import { languageColumns, recordFields } from '../record-columns.ts'
import { changeSection, columnEdit, showSection, type Section } from './sections.ts'

/** Preferred language, whether an interpreter is needed, communication needs and reasonable adjustments. */
const language: Section<{ languages: CodeList }> = {
  template: 'people/views/edit-language.njk',
  firstField: 'preferred_language',
  load: async () => ({ languages: codeList('language') }),
  values: (person) => recordFields(person),
  plan: async (_tx, _caller, person, _context, fields) => {
    const reading = readLanguageFields(fields)
    return reading.ok ? { ok: true, edit: columnEdit(person, 'language', languageColumns(reading.value)) } : reading
  },
}

export const showLanguage = showSection(language)
export const changeLanguage = changeSection(language)
