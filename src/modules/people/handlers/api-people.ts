import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { Person } from '../../../platform/db/schema.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { createPersonApiBody, updatePersonApiBody, type personRecordApiResponse } from '../forms.ts'
import { peoplePaths } from '../paths.ts'
import { readDetailsFields, readLanguageFields, readLocationFields, readPersonFields, type FieldProblem, type Reading, type TypedFields } from '../person-fields.ts'
import { detailsColumns, languageColumns, locationColumns, recordFields } from '../record-columns.ts'
import { teamsOf } from '../repository.ts'
import { createOrMatch } from './person-creation.ts'
import { columnEdit, combinedEdit, editPerson, personIdOf, type PersonRequest, type Plan, type PlannedEdit } from './sections.ts'
import { readPersonRecord } from './show-person.ts'

/*
 * The person record for API clients (bearer tokens or a session), with the scope and audit
 * of the pages. The JSON names are the form fields in camelCase; problems are
 * `{ errors: [{ field, message }] }` with 422, worded as on the pages.
 */

/** Form field → API field. */
const apiNames: Record<string, string> = {
  given_name: 'givenName',
  family_name: 'familyName',
  date_of_birth: 'dateOfBirth',
  sex: 'sex',
  gender_identity: 'genderIdentity',
  pronouns: 'pronouns',
  nhs_number: 'nhsNumber',
  pnc_id: 'pncId',
  prison_number: 'prisonNumber',
  crn: 'crn',
  preferred_language: 'preferredLanguage',
  interpreter_needed: 'interpreterNeeded',
  communication_needs: 'communicationNeeds',
  reasonable_adjustments: 'reasonableAdjustments',
  location_kind: 'locationKind',
  location_establishment: 'locationEstablishment',
  location_area: 'locationArea',
  team_id: 'teamId',
}

/** The body's values as typed fields, for the same reading as the forms; only the fields the body has. */
function typedFromBody(body: Record<string, unknown>): TypedFields {
  const fields: TypedFields = {}
  for (const [field, name] of Object.entries(apiNames)) {
    if (!(name in body)) continue
    const value = body[name]
    fields[field] = typeof value === 'boolean' ? (value ? 'yes' : 'no') : typeof value === 'string' ? value : ''
  }
  return fields
}

/** Problems as JSON; a form field's name becomes its API name. */
function sendProblems(request: FastifyRequest, reply: FastifyReply, problems: readonly FieldProblem[]) {
  const { content } = request.server
  return reply.code(422).send({ errors: problems.map(({ field, key }) => ({ field: apiNames[field] ?? field, message: content.has(key) ? content.t(key) : content.t('site.errors.invalidAnswer') })) })
}

/** The body's shape, or its problems in the same form as the reading's (zod messages are content keys). */
function shapeOf<Schema extends z.ZodType>(schema: Schema, body: unknown): Reading<z.infer<Schema>> {
  const result = schema.safeParse(body ?? {})
  if (result.success) return { ok: true, value: result.data }
  return {
    ok: false,
    errors: result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((field) => ({ field, key: issue.message })) : [{ field: issue.path.length > 0 ? issue.path.join('.') : 'body', key: issue.message }],
    ),
  }
}

type PersonRecord = NonNullable<Awaited<ReturnType<typeof readPersonRecord>>>

// Typed by the response schema the OpenAPI document publishes, so the two cannot drift apart.
function personJson({ person, breakGlass, identifiers, aliases, characteristics, needs, involvements }: PersonRecord): z.infer<typeof personRecordApiResponse> {
  return {
    id: person.id,
    version: person.version,
    givenName: person.given_name,
    familyName: person.family_name,
    dateOfBirth: person.date_of_birth,
    sex: person.sex,
    genderIdentity: person.gender_identity,
    pronouns: person.pronouns,
    restricted: person.is_restricted,
    mergedIntoId: person.merged_into_id,
    location: { kind: person.location_kind, establishment: person.location_establishment, area: person.location_area },
    language: { preferred: person.preferred_language, interpreterNeeded: person.interpreter_needed, communicationNeeds: person.communication_needs, reasonableAdjustments: person.reasonable_adjustments },
    identifiers: identifiers.map((row) => ({ id: row.id, kind: row.kind, value: row.value, recordedAt: row.recorded_at, endedAt: row.ended_at, endedReason: row.ended_reason })),
    aliases: aliases.map((row) => ({ id: row.id, type: row.alias_type, givenName: row.given_name, familyName: row.family_name, recordedAt: row.recorded_at, removedAt: row.removed_at })),
    characteristics: Object.fromEntries(characteristics.map((row) => [row.characteristic, { code: row.code, codeListVersion: row.code_list_version, recordedAt: row.recorded_at }])),
    needs: needs.map((row) => ({ id: row.id, need: row.need, source: row.source, startedOn: row.started_on, endedOn: row.ended_on })),
    involvements: involvements.map((row) => ({ id: row.id, team: row.team_name, organisation: row.organisation_name, status: row.status, startedOn: row.started_on, endedOn: row.ended_on, closedReason: row.closed_reason })),
    breakGlassUntil: breakGlass?.expires_at ?? null,
  }
}

/** The record as JSON, read in scope with its audit row; null when out of scope (audited as denied). */
async function recordJson(request: FastifyRequest, personId: string) {
  const record = await readPersonRecord(request, personId, async () => ({}))
  return record ? personJson(record) : null
}

export async function personForApi(request: PersonRequest, reply: FastifyReply) {
  const json = await recordJson(request, personIdOf(request))
  if (!json) throw notFound()
  return reply.send(json)
}

/** POST /api/v1/people: 201 and the record; 409 with the matches the caller may know of; 422 with problems. */
export async function createPersonFromApi(request: FastifyRequest, reply: FastifyReply) {
  const shape = shapeOf(createPersonApiBody, request.body)
  // Problems with the body's shape already name its (API) fields.
  if (!shape.ok) return sendProblems(request, reply, shape.errors)
  const body = shape.value
  const reading = readPersonFields(typedFromBody(body), { today: request.scope!.today })
  const teams = (await teamsOf(request.server.database.db, request.scope!)).map((team) => team.id)
  // With one team the choice is obvious; with several the client must say which.
  const teamId = body.teamId ?? (teams.length === 1 ? teams[0] : undefined)
  const teamProblems = teamId !== undefined && teams.includes(teamId) ? [] : [{ field: 'team_id', key: 'people.fields.errors.teamMissing' }]
  if (!reading.ok || teamProblems.length > 0) return sendProblems(request, reply, [...(reading.ok ? [] : reading.errors), ...teamProblems])
  const creation = await createOrMatch(request, reading.value, teamId!, body.confirmNoMatch === true)
  if (creation.state === 'matches') {
    const { inScope, elsewhere } = creation.matches
    return reply.code(409).send({
      matches: inScope.map((match) => ({ id: match.personId, givenName: match.givenName, familyName: match.familyName, dateOfBirth: match.dateOfBirth, reasons: match.reasons })),
      matchElsewhere: elsewhere,
    })
  }
  // The new record as GET returns it: a read of its own, audited as one.
  return reply.code(201).header('location', peoplePaths.api.person({ personId: creation.personId })).send(await recordJson(request, creation.personId))
}

/** The sections an update touches, each read over the record's current values, as its edit page would read them. */
const updatableSections = [
  { fields: ['given_name', 'family_name', 'date_of_birth', 'sex', 'gender_identity', 'pronouns'], plan: (fields: TypedFields, person: Person) => planned(readDetailsFields(fields), (value) => columnEdit(person, 'details', detailsColumns(value))) },
  { fields: ['location_kind', 'location_establishment', 'location_area'], plan: (fields: TypedFields, person: Person) => planned(readLocationFields(fields), (value) => columnEdit(person, 'location', locationColumns(value))) },
  { fields: ['preferred_language', 'interpreter_needed', 'communication_needs', 'reasonable_adjustments'], plan: (fields: TypedFields, person: Person) => planned(readLanguageFields(fields), (value) => columnEdit(person, 'language', languageColumns(value))) },
]

function planned<T>(reading: Reading<T>, edit: (value: T) => PlannedEdit): Plan {
  return reading.ok ? { ok: true, edit: edit(reading.value) } : reading
}

/** The change an update body asks for: every section it touches, read as a whole. */
function planUpdate(person: Person, body: z.infer<typeof updatePersonApiBody>): Plan {
  const sent = typedFromBody(body)
  const fields = { ...recordFields(person), ...sent }
  const plans = updatableSections.filter((section) => section.fields.some((field) => field in sent)).map((section) => section.plan(fields, person))
  const problems = plans.flatMap((plan) => (plan.ok ? [] : plan.errors))
  if (problems.length > 0) return { ok: false, errors: problems }
  return { ok: true, edit: combinedEdit(plans.flatMap((plan) => (plan.ok ? [plan.edit] : []))) }
}

/**
 * PATCH /api/v1/people/:personId: details, location and language fields, based on `version`.
 * Scope first (404, audited), then the body's shape (422), then the version (409), as the pages.
 */
export async function updatePersonFromApi(request: PersonRequest, reply: FastifyReply) {
  const personId = personIdOf(request)
  const outcome = await editPerson(request, personId, {
    load: async () => shapeOf(updatePersonApiBody, request.body),
    precheck: (shape) => (shape.ok ? [] : shape.errors),
    version: (shape) => (shape.ok ? shape.value.version : undefined),
    plan: async (_tx, person, shape) => (shape.ok ? planUpdate(person, shape.value) : shape),
  })
  switch (outcome.state) {
    case 'notFound':
      throw notFound()
    case 'invalid':
      return sendProblems(request, reply, outcome.errors)
    case 'stale':
      return reply.code(409).send({ errors: [{ field: 'version', message: request.server.content.t('people.edit.staleVersion') }] })
    case 'done':
      return reply.send(await recordJson(request, personId))
  }
}
