import { codeList, type CodeList } from '../../../platform/content/code-lists.ts'
import { peoplePaths } from '../paths.ts'
import { readNeedEndFields, readNeedFields } from '../person-fields.ts'
import { addNeed, endNeed, needsOf, type NeedRow } from '../repository.ts'
import { changeSection, showSection, type Section } from './sections.ts'

interface NeedsContext {
  needs: NeedRow[]
  needList: CodeList
  sources: CodeList
}

/** A coded need, where the knowledge of it came from, and since when. */
const addition: Section<NeedsContext> = {
  template: 'people/views/edit-needs.njk',
  firstField: 'need',
  load: async (tx, _scope, person) => ({ needs: await needsOf(tx, person.id), needList: codeList('needs'), sources: codeList('need_source') }),
  values: () => ({}),
  plan: async (_tx, caller, person, _context, fields) => {
    const reading = readNeedFields(fields, { today: caller.scope.today })
    if (!reading.ok) return reading
    const need = reading.value
    const values = [
      { field: 'need', from: null, to: need.need },
      { field: 'source', from: null, to: need.source },
      { field: 'started_on', from: null, to: need.startedOn },
    ]
    return { ok: true, edit: { changes: [{ section: 'need', change: { action: 'added', values } }], apply: (tx) => addNeed(tx, person.id, caller.userId, need) } }
  },
  done: (person) => peoplePaths.edit.needs({ personId: person.id }),
}

/** A need that no longer applies ends on a date; it stays on the record as an ended need. */
const ending: Section<{ need: NeedRow }> = {
  template: 'people/views/end-need.njk',
  firstField: 'ended_on',
  load: async (tx, _scope, person, params) => {
    const need = (await needsOf(tx, person.id)).find((candidate) => candidate.id === params.needId && candidate.ended_on === null)
    return need ? { need } : null
  },
  values: () => ({}),
  plan: async (_tx, caller, _person, { need }, fields) => {
    const reading = readNeedEndFields(fields, need.started_on, { today: caller.scope.today })
    if (!reading.ok) return reading
    const values = [
      { field: 'need', from: need.need, to: null },
      { field: 'ended_on', from: null, to: reading.value },
    ]
    return { ok: true, edit: { changes: [{ section: 'need', change: { action: 'ended', values } }], apply: (tx) => endNeed(tx, need.id, reading.value) } }
  },
  done: (person) => peoplePaths.edit.needs({ personId: person.id }),
}

export const showNeeds = showSection(addition)
export const addPersonNeed = changeSection(addition)
export const showEndNeed = showSection(ending)
export const endPersonNeed = changeSection(ending)
