import type { FastifyReply, FastifyRequest } from 'fastify'
import { auditRequest } from '../../../platform/audit/index.ts'
import { inTransaction } from '../../../platform/db/database.ts'
import { isId } from '../../../platform/db/ids.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { readNewVersion, typedFields, type Problem } from '../forms.ts'
import { screeningPaths } from '../paths.ts'
import { allRuleSets, insertRuleSetVersion, versionsOfKey, type StoredRuleSet } from '../repository.ts'
import { knownCriteria, newVersionProblem, type NewVersionProblem } from '../rules.ts'
import { pageProblems } from './page-problems.ts'

/** The version a new one is based on, named in `?from=`; anything else is a 404. */
async function baseVersion(request: FastifyRequest): Promise<{ from: StoredRuleSet; latest: StoredRuleSet }> {
  const from = typedFields(request.query).from ?? ''
  const found = isId(from)
    ? await inTransaction(request.server.database.db, async (tx) => {
        const ruleSets = await allRuleSets(tx)
        const base = ruleSets.find((ruleSet) => ruleSet.id === from)
        // allRuleSets lists each key's versions oldest first.
        const latest = ruleSets.filter((ruleSet) => ruleSet.key === base?.key).at(-1)
        return base && latest ? { from: base, latest } : undefined
      })
    : undefined
  if (!found) throw notFound()
  return found
}

function render(request: FastifyRequest, reply: FastifyReply, versions: { from: StoredRuleSet; latest: StoredRuleSet }, values: Record<string, unknown>, problems: readonly Problem[] = []) {
  return reply.code(problems.length > 0 ? 400 : 200).view('screening/views/new-rule-set.njk', {
    ...versions,
    knownCriteria,
    action: screeningPaths.newRuleSetFrom(versions.from.id),
    values,
    ...pageProblems(request.server.content, problems),
  })
}

export async function showNewRuleSet(request: FastifyRequest, reply: FastifyReply) {
  const versions = await baseVersion(request)
  const { criteria, score } = versions.from
  // The form starts as the version it is based on, with no date: the manager says when it takes effect.
  return render(request, reply, versions, {
    criteria: criteria.map((criterion) => criterion.key),
    items: String(score.items),
    itemThreshold: String(score.itemThreshold),
    indicators: score.indicators === undefined ? '' : String(score.indicators),
    indicatorThreshold: score.indicatorThreshold === undefined ? '' : String(score.indicatorThreshold),
  })
}

/** Which field a rule set problem belongs to, and its words. */
const problemFields: Record<NewVersionProblem, Problem> = {
  no_criteria: { field: 'criteria', key: 'screening.newRuleSet.errors.criteriaMissing' },
  duplicate_criterion: { field: 'criteria', key: 'screening.newRuleSet.errors.criterionUnknown' },
  unknown_criterion: { field: 'criteria', key: 'screening.newRuleSet.errors.criterionUnknown' },
  threshold_out_of_range: { field: 'itemThreshold', key: 'screening.newRuleSet.errors.itemThresholdInvalid' },
  indicator_rule_incomplete: { field: 'indicators', key: 'screening.newRuleSet.errors.indicatorRuleIncomplete' },
  bad_effective_date: { field: 'effectiveFrom', key: 'screening.newRuleSet.errors.effectiveFromNotReal' },
  effective_in_past: { field: 'effectiveFrom', key: 'screening.newRuleSet.errors.effectiveFromInPast' },
  effective_not_after_latest: { field: 'effectiveFrom', key: 'screening.newRuleSet.errors.effectiveFromNotAfterLatest' },
}

/**
 * Adds the next version of the rule set `?from=` belongs to. Versions are never changed in
 * place, so every screening keeps showing the criteria that decided it; the new version
 * decides screenings dated on or after its effective date.
 */
export async function createRuleSet(request: FastifyRequest, reply: FastifyReply) {
  const versions = await baseVersion(request)
  const body = (request.body ?? {}) as Record<string, unknown>
  // A checkbox group posts nothing, one value or several: the form shown again needs a list.
  const values = { ...body, criteria: [body.criteria ?? []].flat() }
  const reading = readNewVersion(request.body)
  if (!reading.ok) return render(request, reply, versions, values, reading.problems)
  const { from } = versions
  const created = await inTransaction(request.server.database.db, async (tx) => {
    // Read again under the lock: another manager may have added a version since the form was read.
    const existing = await versionsOfKey(tx, request.server.database.dialect, from.key)
    const proposed = { key: from.key, version: '', population: from.population, ...reading.value }
    const problem = newVersionProblem(proposed, existing[0], request.scope!.today)
    if (problem) return { problem, latest: existing[0] ?? from }
    const version = await insertRuleSetVersion(tx, existing, { ...proposed, createdBy: request.principal!.userId })
    await auditRequest(tx, request, { action: 'screening.rule-set.create', outcome: 'allowed', recordType: 'screening_rule_set', recordId: version.id, details: { key: from.key, version: version.version, from: from.id } })
    return { problem: null }
  })
  if (created.problem) return render(request, reply, { from, latest: created.latest }, values, [problemFields[created.problem]])
  return reply.redirect(screeningPaths.ruleSets(), 303)
}
