import type { FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../../platform/http/errors.ts'
import type { FieldError } from '../../../platform/http/forms.ts'
import type { TypedFields } from '../../people/index.ts'
import { caseIdOf, readCaseSection, renderCaseSection, type CaseView } from '../../casework/index.ts'
import { addRiskPlanVersion } from '../commands.ts'
import { readRiskPlanForm, typedFields } from '../forms.ts'
import { riskPlansPaths } from '../paths.ts'
import { latestRiskPlan, type RiskPlanRow } from '../repository.ts'
import { addDays, contingencyRowCount, maxContingencies, maxReviewMonths, reviewDateProblem } from '../rules.ts'

/** The form filled in from `latest`; its review date only while it could still be chosen. */
function valuesFrom(latest: RiskPlanRow | undefined, today: string): TypedFields {
  if (!latest) return {}
  const [year, month, day] = latest.review_on.split('-')
  const reviewOn = reviewDateProblem(latest.review_on, today) === null ? { 'reviewOn-day': String(Number(day)), 'reviewOn-month': String(Number(month)), 'reviewOn-year': year } : {}
  const rows = latest.contingencies.flatMap((row, index) => [[`contingency-${index + 1}-action`, row.action], [`contingency-${index + 1}-contact`, row.contact]])
  return { summary: latest.summary, triggers: latest.triggers ?? '', warningSigns: latest.warning_signs ?? '', protectiveFactors: latest.protective_factors ?? '', ...Object.fromEntries(rows), ...reviewOn }
}

/** Rows enough for what was typed (kept in place, so a row's error still names it) and a few blank ones. */
function rowNumbers(values: TypedFields): number[] {
  const filled = Array.from({ length: maxContingencies }, (_, index) => index + 1).filter((row) => values[`contingency-${row}-action`]?.trim() || values[`contingency-${row}-contact`]?.trim())
  return Array.from({ length: contingencyRowCount(Math.max(0, ...filled)) }, (_, index) => index + 1)
}

interface FormState {
  values: TypedFields
  basedOnVersion: number
  basedOn?: RiskPlanRow | undefined
  conflict?: RiskPlanRow
  errors?: FieldError[]
  fieldErrors?: Record<string, { text: string }>
}

function renderForm(request: FastifyRequest, reply: FastifyReply, caseView: CaseView, state: FormState, status = 200) {
  const today = request.scope!.today
  const example = addDays(today, 90).split('-').reverse().map(Number).join(' ')
  return renderCaseSection(reply, 'risk-plans/views/new.njk', { caseView, section: state }, 'risk', { ...state, rows: rowNumbers(state.values), example, maxContingencies, maxReviewMonths, closed: caseView.status !== 'active' }, status)
}

/** The form, filled in from the latest version. */
export async function showNewVersion(request: FastifyRequest, reply: FastifyReply) {
  const read = await readCaseSection(request, { action: 'risk-plan.view', categories: ['risk'] }, async (tx, caseView) => ({ latest: await latestRiskPlan(tx, caseView.id) }))
  if (read.section === undefined) return renderCaseSection(reply, 'risk-plans/views/new.njk', read, 'risk')
  const { latest } = read.section
  return renderForm(request, reply, read.caseView, { values: valuesFrom(latest, request.scope!.today), basedOnVersion: latest?.version ?? 0, basedOn: latest })
}

/** Saves the new version and goes to it; a problem shows the form again with what was typed. */
export async function saveNewVersion(request: FastifyRequest, reply: FastifyReply) {
  const allocationId = caseIdOf(request)
  const { content } = request.server
  const reading = readRiskPlanForm(request.body, request.scope!.today, content)
  const outcome = await addRiskPlanVersion(request, allocationId, reading.ok ? reading : { ok: false, fields: reading.errors.map((error) => error.field) })
  const values = typedFields(request.body)
  const typed = { values, basedOnVersion: reading.ok ? reading.value.basedOnVersion : Number(values.basedOnVersion) || 0 }
  switch (outcome.state) {
    case 'not_found':
      throw notFound()
    case 'not_shared':
      return renderCaseSection(reply, 'risk-plans/views/new.njk', { caseView: outcome.caseView, section: undefined }, 'risk')
    case 'invalid':
      return renderForm(request, reply, outcome.caseView, { ...typed, ...(reading.ok ? {} : { errors: reading.errors, fieldErrors: reading.fieldErrors }) }, 400)
    case 'closed':
      return renderForm(request, reply, outcome.caseView, typed, 409)
    case 'stale': {
      // The next save is based on the version they have now been shown; the summary links to what it says about it.
      const text = content.t('riskPlans.form.conflictSummary', { version: outcome.latest.version })
      return renderForm(request, reply, outcome.caseView, { ...typed, basedOnVersion: outcome.latest.version, conflict: outcome.latest, errors: [{ field: 'latest-version', text, href: '#latest-version' }] }, 409)
    }
    case 'added':
      return reply.redirect(riskPlansPaths.current({ allocationId }), 303)
  }
}
