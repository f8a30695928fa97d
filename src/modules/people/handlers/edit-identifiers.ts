import { codeList, type CodeList } from '../../../platform/content/code-lists.ts'
import { peoplePaths } from '../paths.ts'
import { readIdentifierEndFields, readIdentifierFields } from '../person-fields.ts'
import { addIdentifier, endIdentifier, hasCurrentIdentifier, identifiersOf, type IdentifierRow } from '../repository.ts'
import { changeSection, showSection, type Section } from './sections.ts'

interface IdentifiersContext {
  identifiers: IdentifierRow[]
  kinds: CodeList
}

/**
 * The identifiers partner agencies know the person by. Several of a kind over time are
 * normal (a new prison number each sentence), but the same one twice at once is refused.
 */
const addition: Section<IdentifiersContext> = {
  template: 'people/views/edit-identifiers.njk',
  firstField: 'kind',
  load: async (tx, _scope, person) => ({ identifiers: await identifiersOf(tx, person.id), kinds: codeList('identifier_kind') }),
  values: () => ({}),
  plan: async (tx, caller, person, _context, fields) => {
    const reading = readIdentifierFields(fields)
    if (!reading.ok) return reading
    const identifier = reading.value
    if (await hasCurrentIdentifier(tx, person.id, identifier)) return { ok: false, errors: [{ field: 'value', key: 'people.identifiers.errors.alreadyCurrent' }] }
    const values = [
      { field: 'kind', from: null, to: identifier.kind },
      { field: 'value', from: null, to: identifier.value },
    ]
    return { ok: true, edit: { changes: [{ section: 'identifier', change: { action: 'added', values } }], apply: (tx) => addIdentifier(tx, person.id, caller.userId, identifier) } }
  },
  done: (person) => peoplePaths.edit.identifiers({ personId: person.id }),
}

/** Ending an identifier keeps it, with when, by whom and why. */
const ending: Section<{ identifier: IdentifierRow; reasons: CodeList }> = {
  template: 'people/views/end-identifier.njk',
  firstField: 'reason',
  load: async (tx, _scope, person, params) => {
    const identifier = (await identifiersOf(tx, person.id)).find((candidate) => candidate.id === params.identifierId && candidate.ended_at === null)
    return identifier ? { identifier, reasons: codeList('identifier_end_reason') } : null
  },
  values: () => ({}),
  plan: async (_tx, caller, _person, { identifier }, fields) => {
    const reading = readIdentifierEndFields(fields)
    if (!reading.ok) return reading
    const values = [
      { field: 'kind', from: identifier.kind, to: null },
      { field: 'value', from: identifier.value, to: null },
      { field: 'ended_reason', from: null, to: reading.value },
    ]
    return { ok: true, edit: { changes: [{ section: 'identifier', change: { action: 'ended', values } }], apply: (tx) => endIdentifier(tx, identifier.id, caller.userId, reading.value) } }
  },
  done: (person) => peoplePaths.edit.identifiers({ personId: person.id }),
}

export const showIdentifiers = showSection(addition)
export const addPersonIdentifier = changeSection(addition)
export const showEndIdentifier = showSection(ending)
export const endPersonIdentifier = changeSection(ending)
