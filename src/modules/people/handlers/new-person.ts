import type { FastifyReply, FastifyRequest } from 'fastify'
import { codeList } from '../../../platform/content/code-lists.ts'
import type { PossibleMatches } from '../../person-matching/index.ts'
import { peoplePaths } from '../paths.ts'
import { readPersonFields, readTeamField, type NewPersonRecord, type TypedFields } from '../person-fields.ts'
import { teamsOf, type TeamChoice } from '../repository.ts'
import { createOrMatch } from './person-creation.ts'
import { pageProblems, typedFields, type PageProblems } from './sections.ts'

/** The fields of the form, so that the possible-matches page can post them again unchanged. */
const formFields = [
  'given_name', 'family_name', 'date_of_birth-day', 'date_of_birth-month', 'date_of_birth-year', 'sex', 'gender_identity', 'pronouns',
  'nhs_number', 'pnc_id', 'prison_number', 'crn', 'location_kind', 'location_establishment', 'location_area',
  'preferred_language', 'interpreter_needed', 'team_id',
] as const

const choices = () => ({ sexes: codeList('sex'), genderIdentities: codeList('gender_identity'), locationKinds: codeList('location_kind'), languages: codeList('language') })

function renderForm(reply: FastifyReply, teams: TeamChoice[], values: TypedFields, problems?: PageProblems) {
  return reply.code(problems ? 400 : 200).view('people/views/new-person.njk', { teams, values, ...choices(), ...problems })
}

export async function showNewPerson(request: FastifyRequest, reply: FastifyReply) {
  const teams = await teamsOf(request.server.database.db, request.scope!)
  // A record must start with a team working with the person, or nobody could see it; one team to choose is chosen already.
  return renderForm(reply, teams, teams.length === 1 ? { team_id: teams[0]?.id } : {})
}

function renderMatches(request: FastifyRequest, reply: FastifyReply, record: NewPersonRecord, fields: TypedFields, matches: PossibleMatches) {
  const { content } = request.server
  const reason = (code: string) => (content.has(`people.matches.reasons.${code}`) ? content.t(`people.matches.reasons.${code}`) : content.t('people.matches.reasons.other'))
  const identifier = (kind: string) => record.identifiers.find((found) => found.kind === kind)?.value ?? ''
  return reply.view('people/views/possible-matches.njk', {
    record,
    matches: matches.inScope.map((match) => ({ ...match, why: match.reasons.map(reason).join(', ') })),
    elsewhere: matches.elsewhere,
    // What the access request names: the details as typed, normalised, and nothing about the match.
    accessRequestFields: {
      given_name: record.givenName,
      family_name: record.familyName,
      date_of_birth: record.dateOfBirth,
      nhs_number: identifier('nhs_number'),
      pnc_id: identifier('pnc_id'),
      prison_number: identifier('prison_number'),
      crn: identifier('crn'),
    },
    resubmit: formFields.map((name) => ({ name, value: fields[name] ?? '' })),
  })
}

/** Checks the form, then either shows possible matches or creates the record and opens it. */
export async function createPerson(request: FastifyRequest, reply: FastifyReply) {
  const teams = await teamsOf(request.server.database.db, request.scope!)
  const fields = typedFields(request.body)
  const reading = readPersonFields(fields, { today: request.scope!.today })
  const team = readTeamField(fields, teams.map((choice) => choice.id))
  if (!reading.ok || !team.ok) {
    return renderForm(reply, teams, fields, pageProblems(request.server.content, [...(reading.ok ? [] : reading.errors), ...(team.ok ? [] : team.errors)]))
  }
  const creation = await createOrMatch(request, reading.value, team.value, fields.confirmed_no_match === 'yes')
  if (creation.state === 'matches') return renderMatches(request, reply, reading.value, fields, creation.matches)
  return reply.redirect(peoplePaths.person({ personId: creation.personId }), 303)
}
