import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { dateInputValues, readChoice, typedFields, type Choice, type Problem, type TypedFields } from '../forms.ts'
import { screeningPaths } from '../paths.ts'
import { findPersonInScope, findRuleSetInForce, type PersonInScope, type StoredRuleSet } from '../repository.ts'
import { populationOf, populations } from '../rules.ts'
import { pageProblems } from './page-problems.ts'
import { personIdOf, screenPerson } from './screen-person.ts'

/** The fields of the first question, which criteria and which date, as a link or the hidden fields carry them. */
const choiceFields = ['population', 'screened_on', 'screened_on-day', 'screened_on-month', 'screened_on-year']

function renderChooser(request: FastifyRequest, reply: FastifyReply, person: PersonInScope, values: TypedFields, problems: readonly Problem[] = []) {
  return reply.code(problems.length > 0 ? 400 : 200).view('screening/views/choose-criteria.njk', {
    person,
    populations,
    values: { ...values, population: values.population || populationOf(person.sex) },
    ...pageProblems(request.server.content, problems),
  })
}

function renderForm(request: FastifyRequest, reply: FastifyReply, shown: { person: PersonInScope; choice: Choice; ruleSet: StoredRuleSet }, values: TypedFields, problems: readonly Problem[] = [], status = 200) {
  return reply.code(status).view('screening/views/new-screening.njk', {
    ...shown,
    changeChoice: screeningPaths.newScreeningWith(shown.person.id, shown.choice, { change: true }),
    values,
    ...pageProblems(request.server.content, problems),
  })
}

/**
 * The screening form: the questions of the version in force for the person's population on
 * the screening's date. The population comes from the person's recorded sex where it says,
 * the date is today unless chosen; otherwise, or when asked to change them, the page asks
 * which criteria and which date apply first.
 */
export async function showNewScreening(request: FastifyRequest, reply: FastifyReply) {
  const personId = personIdOf(request)
  const scope = request.scope!
  const query = typedFields(request.query)
  const shown = await inTransaction(request.server.database.db, async (tx) => {
    const found = await findPersonInScope(tx, scope, personId)
    const person = found && found.merged_into_id === null ? found : undefined
    const choice = person ? readChoice(query, { population: populationOf(person.sex), today: scope.today }) : undefined
    const ruleSet = choice?.ok ? await findRuleSetInForce(tx, choice.value.population, choice.value.screenedOn) : undefined
    await auditRequest(tx, request, { action: 'person.view', outcome: person ? 'allowed' : 'denied', personId, ...(person ? { recordType: 'person', recordId: personId } : {}) })
    return person && choice ? { person, choice, ruleSet } : null
  })
  if (!shown) throw notFound()
  const { person, choice, ruleSet } = shown
  if (!choice.ok) {
    // Arriving without a choice where the record does not say is a question, not a mistake.
    const typed = choiceFields.some((field) => (query[field] ?? '') !== '')
    return renderChooser(request, reply, person, query, typed ? choice.problems : [])
  }
  if (!ruleSet) return renderChooser(request, reply, person, query, [{ field: 'screened_on', key: 'screening.choose.errors.noRuleSet' }])
  if (query.change) return renderChooser(request, reply, person, { population: choice.value.population, ...dateInputValues('screened_on', choice.value.screenedOn) })
  return renderForm(request, reply, { person, choice: choice.value, ruleSet }, {})
}

/** Records the screening and shows its result, or the form again with what is wrong. */
export async function recordScreeningFromForm(request: FastifyRequest, reply: FastifyReply) {
  const personId = personIdOf(request)
  const fields = typedFields(request.body)
  const outcome = await screenPerson(request, personId, {
    choice: { population: fields.population ?? '', screened_on: fields.screened_on ?? '' },
    answers: { criteria: fields, itemsPresent: fields.itemsPresent, indicatorsPresent: fields.indicatorsPresent },
    shownRuleSetId: fields.rule_set_id ?? '',
  })
  switch (outcome.state) {
    case 'notFound':
      throw notFound()
    case 'badChoice':
      return renderChooser(request, reply, outcome.person, { population: fields.population ?? '', ...(fields.screened_on ? dateInputValues('screened_on', fields.screened_on) : {}) }, outcome.problems)
    case 'ruleSetChanged': {
      const first = outcome.ruleSet.criteria[0]?.key ?? 'itemsPresent'
      return renderForm(request, reply, outcome, fields, [{ field: first, key: 'screening.record.errors.ruleSetChanged' }], 409)
    }
    case 'invalid':
      return renderForm(request, reply, outcome, fields, outcome.problems, 400)
    case 'done':
      return reply.redirect(screeningPaths.screening({ screeningId: outcome.screeningId }), 303)
  }
}
