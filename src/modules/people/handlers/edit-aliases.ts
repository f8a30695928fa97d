import { codeList, type CodeList } from '../../../platform/content/code-lists.ts'
import { peoplePaths } from '../paths.ts'
import { readAliasFields } from '../person-fields.ts'
import { addAlias, aliasesOf, removeAlias, type AliasRow } from '../repository.ts'
import { changeSection, showSection, type Section } from './sections.ts'

interface AliasesContext {
  aliases: AliasRow[]
  aliasTypes: CodeList
}

const aliasValues = (alias: Pick<AliasRow, 'alias_type' | 'given_name' | 'family_name'>, as: 'from' | 'to') =>
  (['alias_type', 'given_name', 'family_name'] as const).map((field) => ({ field, from: as === 'from' ? alias[field] : null, to: as === 'to' ? alias[field] : null }))

const aliasesPage = {
  template: 'people/views/edit-aliases.njk',
  firstField: 'alias_type',
  load: async (tx, _scope, person) => ({ aliases: await aliasesOf(tx, person.id), aliasTypes: codeList('alias_type') }),
  values: () => ({}),
  done: (person) => peoplePaths.edit.aliases({ personId: person.id }),
} satisfies Omit<Section<AliasesContext>, 'plan'>

/** Another name the person is or was known by. */
const addition: Section<AliasesContext> = {
  ...aliasesPage,
  plan: async (_tx, caller, person, _context, fields) => {
    const reading = readAliasFields(fields)
    if (!reading.ok) return reading
    const alias = reading.value
    const added = { alias_type: alias.aliasType, given_name: alias.givenName, family_name: alias.familyName }
    return { ok: true, edit: { changes: [{ section: 'alias', change: { action: 'added', values: aliasValues(added, 'to') } }], apply: (tx) => addAlias(tx, person.id, caller.userId, alias) } }
  },
}

/** Removing a name marks it removed: it stays in the table and the history. */
const removal: Section<AliasesContext & { alias: AliasRow }> = {
  ...aliasesPage,
  load: async (tx, scope, person, params) => {
    const page = await aliasesPage.load(tx, scope, person)
    const alias = page.aliases.find((candidate) => candidate.id === params.aliasId && candidate.removed_at === null)
    return alias ? { ...page, alias } : null
  },
  plan: async (_tx, caller, person, { alias }) => ({
    ok: true,
    edit: {
      changes: [{ section: 'alias', change: { action: 'removed', values: aliasValues(alias, 'from') } }],
      apply: (tx) => removeAlias(tx, person.id, alias.id, caller.userId),
    },
  }),
}

export const showAliases = showSection(addition)
export const addPersonAlias = changeSection(addition)
export const removePersonAlias = changeSection(removal)
