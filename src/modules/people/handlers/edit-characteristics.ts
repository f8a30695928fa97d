import { codeList, isCode, type CodeList } from '../../../platform/content/code-lists.ts'
import type { FieldProblem } from '../person-fields.ts'
import { currentCharacteristicsOf, replaceCharacteristic } from '../repository.ts'
import { equalityCharacteristics, type FieldChange } from '../rules.ts'
import { changeSection, showSection, type Section } from './sections.ts'

interface CharacteristicsContext {
  lists: { name: string; list: CodeList }[]
  current: Map<string, string>
}

/**
 * Equality monitoring answers, each from its versioned code list. A new answer supersedes
 * the current one (kept, with the version it was given under); a question left unanswered
 * keeps its answer, since "not known" is itself an answer.
 */
const characteristics: Section<CharacteristicsContext> = {
  template: 'people/views/edit-characteristics.njk',
  firstField: equalityCharacteristics[0],
  load: async (tx, _scope, person) => ({
    lists: equalityCharacteristics.map((name) => ({ name, list: codeList(name) })),
    current: new Map((await currentCharacteristicsOf(tx, person.id)).map((row) => [row.characteristic, row.code])),
  }),
  values: (_person, { current }) => Object.fromEntries(current),
  plan: async (_tx, caller, person, { current }, fields) => {
    const errors: FieldProblem[] = []
    const values: FieldChange[] = []
    for (const name of equalityCharacteristics) {
      const typed = (fields[name] ?? '').trim()
      if (typed === '') continue
      if (!isCode(name, typed)) errors.push({ field: name, key: 'people.characteristics.errors.unknownAnswer' })
      else if (current.get(name) !== typed) values.push({ field: name, from: current.get(name) ?? null, to: typed })
    }
    if (errors.length > 0) return { ok: false, errors }
    return {
      ok: true,
      edit: {
        changes: values.length > 0 ? [{ section: 'characteristic', change: { action: 'updated', values } }] : [],
        apply: async (tx) => {
          for (const { field, to } of values) await replaceCharacteristic(tx, person.id, caller.userId, { characteristic: field, code: String(to), version: codeList(field).version })
        },
      },
    }
  },
}

export const showCharacteristics = showSection(characteristics)
export const changeCharacteristics = changeSection(characteristics)
