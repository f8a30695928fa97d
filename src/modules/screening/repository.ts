import { z } from 'zod'
import { personVisibleTo, type Scope } from '../../platform/auth/scope.ts'
import type { Dialect, Tx } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import { jsonValue } from '../../platform/db/values.ts'
import {
  answers as answerValues,
  evaluateScreening,
  nextVersion,
  populations,
  ruleSetInForce,
  screeningOutcomes,
  type Answer,
  type Population,
  type RuleSet,
  type ScoreResult,
  type ScreeningAnswers,
  type ScreeningOutcome,
  type ScreeningResult,
} from './rules.ts'

// Rule sets -------------------------------------------------------------------------------

/** A version of a rule set as stored: the rule set itself and the row that holds it. */
export interface StoredRuleSet extends RuleSet {
  id: string
  createdAt: string
}

/** The stored definition (criteria and score rule); a row that does not read as one is corrupt, and fails loudly. */
const storedDefinition = z.object({
  criteria: z.array(z.object({ key: z.string() })),
  score: z.object({
    items: z.number().int(),
    itemThreshold: z.number().int(),
    indicators: z.number().int().optional(),
    indicatorThreshold: z.number().int().optional(),
  }),
})

interface RuleSetRow {
  id: string
  key: string
  version: string
  population: string
  effective_from: string
  definition: unknown
  created_at: string
}

function readRuleSet(row: RuleSetRow): StoredRuleSet {
  const definition = storedDefinition.parse(row.definition)
  const population = z.enum(populations).parse(row.population)
  const { indicators, indicatorThreshold, ...score } = definition.score
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    population,
    effectiveFrom: row.effective_from,
    criteria: definition.criteria.map((criterion) => ({ key: criterion.key })),
    score: { ...score, ...(indicators === undefined ? {} : { indicators }), ...(indicatorThreshold === undefined ? {} : { indicatorThreshold }) },
    createdAt: row.created_at,
  }
}

const ruleSetColumns = ['id', 'key', 'version', 'population', 'effective_from', 'definition', 'created_at'] as const

/** Every version of every rule set, by key, then oldest first. A handful of rows: read whole. */
export async function allRuleSets(tx: Tx): Promise<StoredRuleSet[]> {
  const rows = await tx.selectFrom('screening_rule_set').select(ruleSetColumns).orderBy('key').orderBy('effective_from').orderBy('id').execute()
  return rows.map(readRuleSet)
}

/** The version that decides a screening of `population` dated `date` (rules.ts ruleSetInForce over that population's versions). */
export async function findRuleSetInForce(tx: Tx, population: Population, date: string): Promise<StoredRuleSet | undefined> {
  const rows = await tx.selectFrom('screening_rule_set').select(ruleSetColumns).where('population', '=', population).where('effective_from', '<=', date).execute()
  return ruleSetInForce(rows.map(readRuleSet), population, date)
}

/** How many screenings each version decided, by rule set id. */
export async function screeningCountsByRuleSet(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx.selectFrom('screening').select(['rule_set_id', (eb) => eb.fn.countAll<number | string>().as('count')]).groupBy('rule_set_id').execute()
  return new Map(rows.map((row) => [row.rule_set_id, Number(row.count)]))
}

export interface NewRuleSetVersion {
  key: string
  population: Population
  effectiveFrom: string
  criteria: RuleSet['criteria']
  score: RuleSet['score']
  createdBy: string
}

/**
 * The versions of `key`, newest first, locked on PostgreSQL until the transaction ends, so
 * two managers adding a version at once take turns (SQLite's write transactions already
 * do) and the second sees the first's version when it checks dates and numbers.
 */
export async function versionsOfKey(tx: Tx, dialect: Dialect, key: string): Promise<StoredRuleSet[]> {
  const rows = await tx
    .selectFrom('screening_rule_set')
    .select(ruleSetColumns)
    .where('key', '=', key)
    .orderBy('effective_from', 'desc')
    .$if(dialect === 'postgres', (query) => query.forUpdate())
    .execute()
  return rows.map(readRuleSet)
}

/** Adds the next version of a rule set (the caller has checked it with newVersionProblem); returns its id and number. */
export async function insertRuleSetVersion(tx: Tx, existing: readonly RuleSet[], version: NewRuleSetVersion): Promise<{ id: string; version: string }> {
  const id = newId()
  const number = nextVersion(existing.map((ruleSet) => ruleSet.version))
  await tx
    .insertInto('screening_rule_set')
    .values({
      id,
      key: version.key,
      version: number,
      population: version.population,
      effective_from: version.effectiveFrom,
      definition: jsonValue({ criteria: version.criteria, score: version.score }),
      created_by: version.createdBy,
    })
    .execute()
  return { id, version: number }
}

// Screenings ------------------------------------------------------------------------------

/** What a screening row keeps in `answers`: what was answered, and the score result it gave under its version. */
interface StoredAnswers {
  criteria: Record<string, Answer>
  itemsPresent: number | null
  indicatorsPresent: number | null
  score: ScoreResult
}

const storedAnswers = z.object({
  criteria: z.record(z.string(), z.enum(answerValues)),
  itemsPresent: z.number().int().nullable(),
  indicatorsPresent: z.number().int().nullable(),
  score: z.enum(['met', 'not_met', 'unknown']),
})

export interface NewScreening {
  personId: string
  ruleSet: StoredRuleSet
  answers: ScreeningAnswers
  /** YYYY-MM-DD: the rule set must be the version in force on this day. */
  screenedOn: string
  screenedBy: string
  organisationId: string
}

/**
 * Records a screening: evaluates the answers under the rule set, stores them with the
 * version that decided them, and notes it on the person's timeline. The timeline event is
 * in the `risk` category: screening is a risk-management decision made by probation and
 * liaison staff as much as by clinicians, and every partner working with the person acts on
 * it, so it must not be hidden as health-only. The caller has checked the person is in
 * scope and writes the audit row (the demo seed records screenings without a request).
 */
export async function recordScreening(tx: Tx, screening: NewScreening): Promise<{ id: string; result: ScreeningResult }> {
  const result = evaluateScreening(screening.ruleSet, screening.answers)
  const id = newId()
  const stored: StoredAnswers = {
    criteria: Object.fromEntries(result.criteria.map((criterion) => [criterion.key, criterion.answer])),
    itemsPresent: screening.answers.itemsPresent ?? null,
    indicatorsPresent: screening.answers.indicatorsPresent ?? null,
    score: result.score,
  }
  await tx
    .insertInto('screening')
    .values({
      id,
      person_id: screening.personId,
      rule_set_id: screening.ruleSet.id,
      answers: jsonValue(stored),
      computed_outcome: result.outcome,
      screened_on: screening.screenedOn,
      screened_by: screening.screenedBy,
      organisation_id: screening.organisationId,
    })
    .execute()
  await addTimelineEvent(tx, {
    personId: screening.personId,
    kind: 'screening.recorded',
    screeningId: id,
    organisationId: screening.organisationId,
    recordedBy: screening.screenedBy,
    details: { ruleSetId: screening.ruleSet.id, outcome: result.outcome },
  })
  return { id, result }
}

async function addTimelineEvent(tx: Tx, event: { personId: string; kind: string; screeningId: string; organisationId: string; recordedBy: string; details: Record<string, unknown> }): Promise<void> {
  await tx
    .insertInto('person_timeline_event')
    .values({
      id: newId(),
      person_id: event.personId,
      occurred_at: new Date().toISOString(),
      kind: event.kind,
      data_category: 'risk',
      organisation_id: event.organisationId,
      record_type: 'screening',
      record_id: event.screeningId,
      details: jsonValue(event.details),
      recorded_by: event.recordedBy,
    })
    .execute()
}

export interface ScreeningView {
  id: string
  personId: string
  personName: string
  screenedOn: string
  screenedByName: string
  organisationName: string
  createdAt: string
  ruleSet: StoredRuleSet
  answers: StoredAnswers
  computedOutcome: ScreeningOutcome
  override: { outcome: ScreeningOutcome; reason: string; byName: string; at: string } | null
}

function screeningsQuery(tx: Tx) {
  return tx
    .selectFrom('screening')
    .innerJoin('person', 'person.id', 'screening.person_id')
    .innerJoin('screening_rule_set', 'screening_rule_set.id', 'screening.rule_set_id')
    .innerJoin('staff_user as screener', 'screener.id', 'screening.screened_by')
    .innerJoin('organisation', 'organisation.id', 'screening.organisation_id')
    .leftJoin('staff_user as clinician', 'clinician.id', 'screening.overridden_by')
    .select([
      'screening.id',
      'screening.person_id',
      'person.given_name',
      'person.family_name',
      'screening.screened_on',
      'screening.created_at',
      'screening.answers',
      'screening.computed_outcome',
      'screening.override_outcome',
      'screening.override_reason',
      'screening.overridden_at',
      'screener.display_name as screened_by_name',
      'organisation.name as organisation_name',
      'clinician.display_name as overridden_by_name',
      'screening_rule_set.id as rule_set_id',
      'screening_rule_set.key as rule_set_key',
      'screening_rule_set.version as rule_set_version',
      'screening_rule_set.population as rule_set_population',
      'screening_rule_set.effective_from as rule_set_effective_from',
      'screening_rule_set.definition as rule_set_definition',
      'screening_rule_set.created_at as rule_set_created_at',
    ])
}

type ScreeningRow = Awaited<ReturnType<ReturnType<typeof screeningsQuery>['executeTakeFirstOrThrow']>>

function readScreening(row: ScreeningRow): ScreeningView {
  const outcome = (value: string) => z.enum(screeningOutcomes).parse(value)
  return {
    id: row.id,
    personId: row.person_id,
    personName: `${row.given_name} ${row.family_name}`,
    screenedOn: row.screened_on,
    screenedByName: row.screened_by_name,
    organisationName: row.organisation_name,
    createdAt: row.created_at,
    ruleSet: readRuleSet({
      id: row.rule_set_id,
      key: row.rule_set_key,
      version: row.rule_set_version,
      population: row.rule_set_population,
      effective_from: row.rule_set_effective_from,
      definition: row.rule_set_definition,
      created_at: row.rule_set_created_at,
    }),
    answers: storedAnswers.parse(row.answers),
    computedOutcome: outcome(row.computed_outcome),
    override:
      row.override_outcome === null
        ? null
        : { outcome: outcome(row.override_outcome), reason: row.override_reason ?? '', byName: row.overridden_by_name ?? '', at: row.overridden_at ?? '' },
  }
}

/** The screening, if its person is in the caller's scope (the visibility rule runs inside the query). */
export async function findScreeningInScope(tx: Tx, scope: Scope, screeningId: string): Promise<ScreeningView | undefined> {
  const row = await screeningsQuery(tx).where('screening.id', '=', screeningId).where(personVisibleTo(scope)).executeTakeFirst()
  return row ? readScreening(row) : undefined
}

/** The person's screenings, newest first (by the date screened, then by when recorded). The caller has the person in scope. */
export async function screeningsOf(tx: Tx, personId: string): Promise<ScreeningView[]> {
  const rows = await screeningsQuery(tx).where('screening.person_id', '=', personId).orderBy('screening.screened_on', 'desc').orderBy('screening.created_at', 'desc').orderBy('screening.id', 'desc').execute()
  return rows.map(readScreening)
}

/**
 * The standing outcome of the person's latest screening (a clinician's override, else the
 * computed one), or undefined when never screened. It takes no scope: callers (the
 * referral's eligibility panel) call it only for a person they have already found in the
 * caller's scope, and it returns nothing but the outcome.
 */
export async function latestScreeningOutcome(tx: Tx, personId: string): Promise<ScreeningOutcome | undefined> {
  const row = await tx
    .selectFrom('screening')
    .select(['computed_outcome', 'override_outcome'])
    .where('person_id', '=', personId)
    .orderBy('screened_on', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row ? z.enum(screeningOutcomes).parse(row.override_outcome ?? row.computed_outcome) : undefined
}

export interface PersonInScope {
  id: string
  given_name: string
  family_name: string
  sex: string | null
  merged_into_id: string | null
}

/** The person, if the scope lets the caller see them. */
export function findPersonInScope(tx: Tx, scope: Scope, personId: string): Promise<PersonInScope | undefined> {
  return tx
    .selectFrom('person')
    .select(['person.id', 'person.given_name', 'person.family_name', 'person.sex', 'person.merged_into_id'])
    .where('person.id', '=', personId)
    .where(personVisibleTo(scope))
    .executeTakeFirst()
}

export interface Override {
  screeningId: string
  personId: string
  outcome: ScreeningOutcome
  reason: string
  by: string
  organisationId: string
}

/**
 * Records a clinician's override, unless the screening has one already (someone else's
 * override may have committed since it was read): returns whether it was recorded.
 */
export async function overrideScreening(tx: Tx, override: Override): Promise<boolean> {
  const result = await tx
    .updateTable('screening')
    .set({ override_outcome: override.outcome, override_reason: override.reason, overridden_by: override.by, overridden_at: new Date().toISOString() })
    .where('id', '=', override.screeningId)
    .where('override_outcome', 'is', null)
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) return false
  await addTimelineEvent(tx, {
    personId: override.personId,
    kind: 'screening.overridden',
    screeningId: override.screeningId,
    organisationId: override.organisationId,
    recordedBy: override.by,
    details: { outcome: override.outcome },
  })
  return true
}
