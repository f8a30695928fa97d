import type { FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../../../platform/http/errors.ts'
import { parseForm, type FieldError } from '../../../platform/http/forms.ts'
import { caseIdOf, readCaseSection, renderCaseSection, type CaseView } from '../../casework/index.ts'
import { recordMeasurement } from '../commands.ts'
import { measurementForm } from '../forms.ts'
import { instrumentByKey } from '../instruments.ts'
import { outcomesPaths } from '../paths.ts'
import type { Instrument } from '../rules.ts'

type RecordRequest = FastifyRequest<{ Params: { allocationId: string; instrumentKey: string } }>

function instrumentOf(request: RecordRequest): Instrument {
  const instrument = instrumentByKey(request.params.instrumentKey)
  if (!instrument) throw notFound()
  return instrument
}

interface Shown {
  values?: unknown
  errors?: FieldError[]
  fieldErrors?: Record<string, { text: string }>
}

function renderForm(reply: FastifyReply, caseView: CaseView, instrument: Instrument, shown: Shown, status = 200) {
  const answers = []
  for (let answer = instrument.answerMin; answer <= instrument.answerMax; answer += 1) answers.push(String(answer))
  return renderCaseSection(reply, 'outcomes/views/record.njk', { caseView, section: {} }, 'outcomes', { instrument, answers, values: shown.values ?? {}, errors: shown.errors, fieldErrors: shown.fieldErrors ?? {} }, status)
}

/** GET: the measure's statements, for those who may read outcome measures of the person; anyone else finds nothing. */
export async function showRecordForm(request: RecordRequest, reply: FastifyReply) {
  const instrument = instrumentOf(request)
  const read = await readCaseSection(request, { action: 'outcome.view', categories: ['outcome_measure'] }, async () => ({}))
  if (!read.section) throw notFound()
  return renderForm(reply, read.caseView, instrument, {})
}

/** POST: scores the answers (reverse-scored items included) and records the measure; a problem shows the form again as it was filled in. */
export async function recordFromForm(request: RecordRequest, reply: FastifyReply) {
  const instrument = instrumentOf(request)
  const allocationId = caseIdOf(request)
  const form = parseForm(measurementForm(instrument, request.scope!.today), request.body, request.server.content)
  const outcome = await recordMeasurement(request, allocationId, form.ok ? { measure: { instrument, ...form.value } } : { problems: form.errors.map((error) => error.field) })
  if (outcome.ok) return reply.redirect(outcomesPaths.list({ allocationId }), 303)
  if (outcome.problem === 'not_found') throw notFound()
  // A closed case shows no form, only that it is closed.
  if (outcome.problem === 'closed') return renderForm(reply, outcome.caseView, instrument, {}, 409)
  return renderForm(reply, outcome.caseView, instrument, { values: request.body, ...(form.ok ? {} : { errors: form.errors, fieldErrors: form.fieldErrors }) }, 400)
}
