import type { FastifyReply, FastifyRequest } from 'fastify'
import { issueFields } from '../../../platform/http/api-body.ts'
import { notFound } from '../../../platform/http/errors.ts'
import { caseIdOf, readCaseSection } from '../../casework/index.ts'
import { readDateField } from '../../people/index.ts'
import { recordMeasurement, type Measure } from '../commands.ts'
import { measurementApiBody, readMeasuredOn } from '../forms.ts'
import { instrumentByKey } from '../instruments.ts'
import { caseMeasurement, caseMeasurements, type MeasurementRow } from '../repository.ts'
import { bandOf, scoreMeasure, type Instrument, type ScoringProblem } from '../rules.ts'
import { outcomesByInstrument, type InstrumentOutcomes } from '../summaries.ts'

/*
 * The JSON API of a case's outcome measures: the same reads, scope, health-only rule and
 * audit as the pages (anyone who may not read outcome measures of the person finds no case).
 * Field problems are 422 `{ errors: [{ field, message }] }`; a closed case is 409.
 */

const twoPlaces = (value: number) => Math.round(value * 100) / 100

function measurementJson(instrument: Instrument, row: MeasurementRow) {
  return {
    id: row.id,
    instrument: row.instrument_key,
    instrumentVersion: row.instrument_version,
    measuredOn: row.measured_on,
    answers: row.answers,
    total: row.total,
    band: bandOf(instrument, row.total),
    recordedBy: { id: row.recorded_by, name: row.recorded_by_name },
    recordedAt: row.created_at,
  }
}

function instrumentJson({ instrument, measurements, change, threshold }: InstrumentOutcomes) {
  return {
    key: instrument.key,
    version: instrument.version,
    name: instrument.name,
    clinicalCutOff: instrument.clinicalCutOff,
    higherIsWorse: instrument.higherIsWorse,
    reliableChangeThreshold: twoPlaces(threshold),
    measurements: measurements.map((row) => measurementJson(instrument, row)),
    change: change
      ? {
          first: { measuredOn: change.first.measured_on, total: change.first.total },
          latest: { measuredOn: change.latest.measured_on, total: change.latest.total },
          change: change.change,
          reliableChangeIndex: twoPlaces(change.index),
          category: change.category,
          clinicallySignificant: change.category === 'recovered',
          clinicalAtFirst: change.clinicalAtFirst,
          clinicalAtLatest: change.clinicalAtLatest,
        }
      : null,
  }
}

export async function measurementsForApi(request: FastifyRequest, reply: FastifyReply) {
  const read = await readCaseSection(request, { action: 'outcome.view', categories: ['outcome_measure'] }, async (tx, caseView) => outcomesByInstrument(await caseMeasurements(tx, caseView.id)))
  if (!read.section) throw notFound()
  return reply.send({ instruments: read.section.map(instrumentJson) })
}

const scoringMessages: Record<ScoringProblem, string> = {
  missing_answer: 'outcomes.api.errors.answerMissing',
  answer_out_of_range: 'outcomes.api.errors.answerOutOfRange',
  unknown_item: 'outcomes.api.errors.unknownItem',
}

/** The body as a measure, or every problem found in it, each on its API field with a content key. */
function readMeasure(request: FastifyRequest): { ok: true; measure: Measure } | { ok: false; problems: Array<{ field: string; key: string }> } {
  const parsed = measurementApiBody.safeParse(request.body ?? {})
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.flatMap((issue) => issueFields(issue).map((field) => ({ field, key: issue.message }))) }
  }
  const body = parsed.data
  const problems: Array<{ field: string; key: string }> = []
  const instrument = instrumentByKey(body.instrument)
  if (!instrument) problems.push({ field: 'instrument', key: 'outcomes.api.errors.instrumentUnknown' })
  const measuredOn = readMeasuredOn(readDateField({ measuredOn: body.measuredOn }, 'measuredOn'), request.scope!.today)
  if (!measuredOn.ok) problems.push({ field: 'measuredOn', key: 'outcomes.api.errors.measuredOn' })
  const scored = instrument && scoreMeasure(instrument, body.answers)
  if (scored && !scored.ok) problems.push({ field: `answers.${scored.item}`, key: scoringMessages[scored.problem] })
  if (!instrument || !measuredOn.ok || !scored?.ok) return { ok: false, problems }
  return { ok: true, measure: { instrument, measuredOn: measuredOn.date, answers: body.answers, total: scored.total } }
}

export async function recordFromApi(request: FastifyRequest, reply: FastifyReply) {
  const allocationId = caseIdOf(request)
  const read = readMeasure(request)
  const outcome = await recordMeasurement(request, allocationId, read.ok ? { measure: read.measure } : { problems: read.problems.map((problem) => problem.field) })
  const { content } = request.server
  if (!outcome.ok) {
    if (outcome.problem === 'not_found') throw notFound()
    if (outcome.problem === 'closed') return reply.code(409).send({ error: 'case_closed', message: content.t('outcomes.record.errors.closed') })
    const problems = read.ok ? [] : read.problems
    return reply.code(422).send({ errors: problems.map(({ field, key }) => ({ field, message: content.has(key) ? content.t(key) : content.t('site.errors.invalidAnswer') })) })
  }
  const row = await caseMeasurement(request.server.database.db, allocationId, outcome.measurementId)
  if (!row) throw notFound()
  return reply.code(201).send(measurementJson(outcome.measure.instrument, row))
}
