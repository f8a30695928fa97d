import { fieldProblemsResponse } from '../../platform/http/openapi.ts'
import { defineRoutes } from '../../platform/http/routes.ts'
import { caseClosedResponse, measurementApiBody, measurementResponse, measurementsResponse } from './forms.ts'
import { measurementsForApi, recordFromApi } from './handlers/api.ts'
import { recordFromForm, showRecordForm } from './handlers/record-measurement.ts'
import { showOutcomes } from './handlers/show-outcomes.ts'
import { outcomesPaths as paths } from './paths.ts'

/**
 * Outcome measures are health-only: the capability lets a worker into case work, and the
 * case's readable categories (clinical roles of health organisations) decide the rest. The
 * section says "not shared" to other readers; recording, and the API, find no case for them.
 */
export const outcomesRoutes = defineRoutes([
  { method: 'GET', path: paths.list.pattern, capability: 'casework:read', audit: 'outcome.view', handler: showOutcomes },
  { method: 'GET', path: paths.record.pattern, capability: 'casework:write', audit: 'outcome.view', handler: showRecordForm },
  { method: 'POST', path: paths.record.pattern, capability: 'casework:write', audit: 'outcome.record', handler: recordFromForm },
  {
    method: 'GET',
    path: paths.api.measurements.pattern,
    capability: 'casework:read',
    audit: 'outcome.view',
    handler: measurementsForApi,
    api: {
      summary: "A case's outcome measures: per instrument every measurement (total and band), and reliable and clinically significant change from the first to the latest (Jacobson–Truax)",
      tag: 'Outcome measures',
      responses: {
        200: { description: 'Every configured instrument, with its measurements oldest first', body: measurementsResponse },
        404: { description: 'No case in the caller’s scope has this id, or the caller may not read outcome measures (health-only: clinical roles of health organisations)' },
      },
    },
  },
  {
    method: 'POST',
    path: paths.api.measurements.pattern,
    capability: 'casework:write',
    audit: 'outcome.record',
    handler: recordFromApi,
    api: {
      summary: 'Record a completed outcome measure in a case; the server scores it (reverse-scored items included)',
      tag: 'Outcome measures',
      body: measurementApiBody,
      responses: {
        201: { description: 'The measurement, with its total and band', body: measurementResponse },
        404: { description: 'No case in the caller’s scope has this id, or the caller may not read outcome measures' },
        409: { description: 'The case is closed', body: caseClosedResponse },
        422: { description: 'A field is missing or wrong: { errors: [{ field, message }] }; an answer’s field is "answers.<item>"', body: fieldProblemsResponse },
      },
    },
  },
])
