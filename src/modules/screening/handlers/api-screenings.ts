import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { overrideApiBody, overrideForm, readWith, recordScreeningApiBody, type Problem, type Reading, type ruleSetsResponse, type screeningResponse } from '../forms.ts'
import { screeningPaths } from '../paths.ts'
import { allRuleSets, type ScreeningView } from '../repository.ts'
import { standingOutcome, versionStatus } from '../rules.ts'
import { readScreeningsOf } from './list-screenings.ts'
import { decideOverride, type OverrideAnswers } from './override-screening.ts'
import { personIdOf, screenPerson } from './screen-person.ts'
import { readScreening, screeningIdOf } from './show-screening.ts'

/*
 * Screenings for API clients (bearer tokens or a session), with the scope and audit of the
 * pages. Problems are `{ errors: [{ field, message }] }`, worded as on the pages: 422 for
 * the body, 403 for an override by someone who is not clinical staff of a health
 * organisation, 409 for an override of an overridden screening.
 */

/** Form field → API field; a criterion's problem is on `criteria.<key>`. */
function apiField(field: string, criterionKeys: ReadonlySet<string>): string {
  if (field === 'screened_on') return 'screenedOn'
  return criterionKeys.has(field) ? `criteria.${field}` : field
}

function sendProblems(request: FastifyRequest, reply: FastifyReply, status: number, problems: readonly Problem[], criterionKeys: ReadonlySet<string> = new Set()) {
  const { content } = request.server
  return reply.code(status).send({
    errors: problems.map(({ field, key, params }) => ({ field: apiField(field, criterionKeys), message: content.has(key) ? content.t(key, params) : content.t('site.errors.invalidAnswer') })),
  })
}

function screeningJson(screening: ScreeningView): z.infer<typeof screeningResponse> {
  const { ruleSet, answers, override } = screening
  return {
    id: screening.id,
    personId: screening.personId,
    screenedOn: screening.screenedOn,
    screenedBy: { name: screening.screenedByName, organisation: screening.organisationName },
    ruleSet: { id: ruleSet.id, key: ruleSet.key, version: ruleSet.version, population: ruleSet.population, effectiveFrom: ruleSet.effectiveFrom },
    criteria: ruleSet.criteria.map(({ key }) => ({ key, answer: answers.criteria[key] ?? 'unknown' })),
    itemsPresent: answers.itemsPresent,
    indicatorsPresent: answers.indicatorsPresent,
    score: answers.score,
    computedOutcome: screening.computedOutcome,
    override: override ? { outcome: override.outcome, reason: override.reason, by: override.byName, at: override.at } : null,
    outcome: standingOutcome({ computed_outcome: screening.computedOutcome, override_outcome: override?.outcome ?? null }),
  }
}

export async function screeningsForApi(request: FastifyRequest, reply: FastifyReply) {
  const found = await readScreeningsOf(request, personIdOf(request))
  if (!found) throw notFound()
  return reply.send({ screenings: found.screenings.map(screeningJson) })
}

export async function screeningForApi(request: FastifyRequest, reply: FastifyReply) {
  const screening = await readScreening(request, screeningIdOf(request))
  if (!screening) throw notFound()
  return reply.send(screeningJson(screening))
}

/**
 * POST /api/v1/people/:personId/screenings: 201 with the screening, decided by the version
 * in force for the population on `screenedOn`; 409 when the client names another version.
 * Scope first (404, audited), then the body.
 */
export async function recordScreeningFromApi(request: FastifyRequest, reply: FastifyReply) {
  const personId = personIdOf(request)
  const shape = readWith(recordScreeningApiBody, request.body)
  const body = shape.ok ? shape.value : undefined
  let criterionKeys = new Set<string>()
  const outcome = await screenPerson(request, personId, {
    choice: { population: body?.population ?? '', screened_on: body?.screenedOn ?? '' },
    answers: { criteria: body?.criteria ?? {}, itemsPresent: body?.itemsPresent, indicatorsPresent: body?.indicatorsPresent },
    shownRuleSetId: body?.ruleSetId,
    precheck: (ruleSet) => {
      criterionKeys = new Set(ruleSet.criteria.map((criterion) => criterion.key))
      if (!shape.ok) return shape.problems
      return Object.keys(shape.value.criteria)
        .filter((key) => !criterionKeys.has(key))
        .map((key) => ({ field: `criteria.${key}`, key: 'screening.api.errors.criterionNotInVersion' }))
    },
  })
  switch (outcome.state) {
    case 'notFound':
      throw notFound()
    case 'badChoice':
      // A body of the wrong shape may be why the choice is wrong: its own problems say more.
      return sendProblems(request, reply, 422, shape.ok ? outcome.problems : shape.problems)
    case 'ruleSetChanged':
      return sendProblems(request, reply, 409, [{ field: 'ruleSetId', key: 'screening.api.errors.ruleSetNotInForce' }])
    case 'invalid':
      return sendProblems(request, reply, 422, outcome.problems, criterionKeys)
    case 'done': {
      // The new screening as GET returns it: a read of its own, audited as one.
      const screening = await readScreening(request, outcome.screeningId)
      if (!screening) throw notFound()
      return reply.code(201).header('location', screeningPaths.api.screening({ screeningId: outcome.screeningId })).send(screeningJson(screening))
    }
  }
}

/** POST /api/v1/screenings/:screeningId/override: 200 with the screening and its override. */
export async function overrideFromApi(request: FastifyRequest, reply: FastifyReply) {
  const screeningId = screeningIdOf(request)
  const shape = readWith(overrideApiBody, request.body)
  const reading: Reading<OverrideAnswers> = shape.ok ? readWith(overrideForm, shape.value) : shape
  const result = await decideOverride(request, screeningId, reading)
  switch (result.state) {
    case 'notFound':
      throw notFound()
    case 'invalid':
      return sendProblems(request, reply, 422, result.problems)
    case 'forbidden':
      return sendProblems(request, reply, 403, [{ field: 'body', key: 'screening.override.forbidden' }])
    case 'alreadyOverridden':
      return sendProblems(request, reply, 409, [{ field: 'body', key: 'screening.override.alreadyOverridden' }])
    case 'done': {
      const screening = await readScreening(request, screeningId)
      if (!screening) throw notFound()
      return reply.send(screeningJson(screening))
    }
  }
}

/** Every version of the screening criteria with its questions, so a client can ask them. Configuration: not audited. */
export async function ruleSetsForApi(request: FastifyRequest, reply: FastifyReply) {
  const ruleSets = await inTransaction(request.server.database.db, (tx) => allRuleSets(tx))
  const { content } = request.server
  const today = request.scope!.today
  const body: z.infer<typeof ruleSetsResponse> = {
    ruleSets: ruleSets.map((ruleSet) => ({
      id: ruleSet.id,
      key: ruleSet.key,
      version: ruleSet.version,
      population: ruleSet.population,
      effectiveFrom: ruleSet.effectiveFrom,
      inForce: versionStatus(ruleSets, ruleSet, today) === 'in_force',
      criteria: ruleSet.criteria.map(({ key }) => ({ key, question: content.t(`screening.criteria.${key}.question`) })),
      score: ruleSet.score,
    })),
  }
  return reply.send(body)
}
