import type { FastifyReply, FastifyRequest } from 'fastify'
import { readCaseSection, renderCaseSection } from '../../casework/index.ts'
import { totalsChart } from '../chart.ts'
import { caseMeasurements } from '../repository.ts'
import { isClinical } from '../rules.ts'
import { outcomesByInstrument, type InstrumentOutcomes } from '../summaries.ts'

const minus = '\u2212'

/** A number as a reader expects a change: "−13", "+7", "0"; "−4.24" to two places. */
function signed(value: number, places = 0): string {
  const text = Math.abs(value).toFixed(places)
  if (Number(text) === 0) return text
  return `${value < 0 ? minus : '+'}${text}`
}

/** A cut-off worked out by criterion c is shown to one place; a configured whole number as it is. */
const cutOffText = (cutOff: number) => (Number.isInteger(cutOff) ? String(cutOff) : cutOff.toFixed(1))

function outcomeView(outcome: InstrumentOutcomes) {
  const latest = outcome.measurements[outcome.measurements.length - 1]
  return {
    ...outcome,
    latestClinical: latest !== undefined && isClinical(outcome.instrument, latest.total),
    chart: totalsChart(outcome.instrument, outcome.measurements.map((measurement) => ({ measuredOn: measurement.measured_on, total: measurement.total }))),
    display: {
      cutOff: cutOffText(outcome.instrument.clinicalCutOff),
      threshold: outcome.threshold.toFixed(1),
      change: outcome.change ? signed(outcome.change.change) : '',
      index: outcome.change ? signed(outcome.change.index, 2) : '',
    },
  }
}

/** The case's outcome measures (health-only): per instrument, the change, a chart and the totals. */
export async function showOutcomes(request: FastifyRequest, reply: FastifyReply) {
  const read = await readCaseSection(request, { action: 'outcome.view', categories: ['outcome_measure'] }, async (tx, caseView) => outcomesByInstrument(await caseMeasurements(tx, caseView.id)))
  return renderCaseSection(reply, 'outcomes/views/outcomes.njk', read, 'outcomes', {
    outcomes: read.section?.map(outcomeView),
    mayRecord: request.principal!.capabilities.has('casework:write') && read.caseView.status === 'active',
  })
}
