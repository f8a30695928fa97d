import { codeList, type CodeList } from '../../../platform/content/code-lists.ts'
import { isId } from '../../../platform/db/ids.ts'
import { peoplePaths } from '../paths.ts'
import { readClosingFields, readTeamField } from '../person-fields.ts'
import { isManualClosingReason } from '../rules.ts'
import { closeInvolvement, involvementsOf, openInvolvement, ownOpenInvolvement, teamsOf, type InvolvementRow, type TeamChoice } from '../repository.ts'
import { changeSection, showSection, type Section } from './sections.ts'

/** The caller's teams that are not already working with the person: the ones that can start. */
async function teamsThatCanStart(...[tx, scope, person]: Parameters<Section<object>['load']>): Promise<TeamChoice[]> {
  const working = new Set((await involvementsOf(tx, scope, person.id)).filter((involvement) => involvement.status === 'open').map((involvement) => involvement.team_id))
  return (await teamsOf(tx, scope)).filter((team) => !working.has(team.id))
}

/** One of the caller's teams starts work with the person (which is also what lets its members see them). */
const opening: Section<{ teams: TeamChoice[] }> = {
  template: 'people/views/open-involvement.njk',
  firstField: 'team_id',
  load: async (tx, scope, person, params) => ({ teams: await teamsThatCanStart(tx, scope, person, params) }),
  // One team to choose from is chosen already.
  values: (_person, { teams }) => (teams.length === 1 ? { team_id: teams[0]?.id } : {}),
  plan: async (_tx, caller, person, { teams }, fields) => {
    const reading = readTeamField(fields, teams.map((team) => team.id))
    if (!reading.ok) return reading
    const values = [{ field: 'team', from: null, to: teams.find((team) => team.id === reading.value)?.name ?? null }]
    return {
      ok: true,
      edit: {
        changes: [{ section: 'involvement', change: { action: 'opened', values } }],
        apply: async (tx) => {
          await openInvolvement(tx, person.id, reading.value, caller.userId, caller.scope.today)
        },
      },
    }
  },
}

/** Only the caller's own team's work can be closed by them, with a coded reason and an optional note. */
const closing: Section<{ involvement: InvolvementRow; reasons: CodeList }> = {
  template: 'people/views/close-involvement.njk',
  firstField: 'reason',
  load: async (tx, scope, person, params) => {
    const involvementId = params.involvementId ?? ''
    const involvement = isId(involvementId) ? await ownOpenInvolvement(tx, scope, person.id, involvementId) : undefined
    const reasons = codeList('involvement_closing_reason')
    return involvement ? { involvement, reasons: { ...reasons, codes: reasons.codes.filter((code) => isManualClosingReason(code.code)) } } : null
  },
  values: () => ({}),
  plan: async (_tx, caller, _person, { involvement }, fields) => {
    const reading = readClosingFields(fields)
    if (!reading.ok) return reading
    const closed = { ...reading.value, endedOn: caller.scope.today }
    const values = [
      { field: 'team', from: involvement.team_name, to: null },
      { field: 'closed_reason', from: null, to: closed.reason },
      { field: 'ended_on', from: null, to: closed.endedOn },
    ]
    return { ok: true, edit: { changes: [{ section: 'involvement', change: { action: 'closed', values } }], apply: (tx) => closeInvolvement(tx, involvement.id, caller.userId, closed) } }
  },
  // The closed work may have been the caller's only way to see the person.
  done: () => peoplePaths.list(),
}

export const showOpenInvolvement = showSection(opening)
export const startInvolvement = changeSection(opening)
export const showCloseInvolvement = showSection(closing)
export const endInvolvement = changeSection(closing)
