import { defineRoutes } from '../../platform/http/routes.ts'
import { apiProblemResponse, overrideApiBody, recordScreeningApiBody, ruleSetsResponse, screeningResponse, screeningsResponse } from './forms.ts'
import { overrideFromApi, recordScreeningFromApi, ruleSetsForApi, screeningForApi, screeningsForApi } from './handlers/api-screenings.ts'
import { listRuleSets } from './handlers/list-rule-sets.ts'
import { listScreenings } from './handlers/list-screenings.ts'
import { createRuleSet, showNewRuleSet } from './handlers/new-rule-set.ts'
import { recordScreeningFromForm, showNewScreening } from './handlers/new-screening.ts'
import { overrideFromForm } from './handlers/override-screening.ts'
import { showScreening } from './handlers/show-screening.ts'
import { screeningPaths as paths } from './paths.ts'

/**
 * OPD pathway screening. Every screening route reaches a screening through its person, in
 * the caller's scope (404 otherwise, audited). Recording and overriding need
 * `screening:record`; an override also needs a clinical role in a health organisation,
 * checked by the handler (403). Rule sets are partnership-wide configuration without
 * personal data: managed with `screening:configure`, their reads are not audited.
 */
export const screeningRoutes = defineRoutes([
  { method: 'GET', path: paths.personScreenings.pattern, capability: 'person:read', audit: 'screening.view', handler: listScreenings },
  // The form shows the person's name only: a read of the record, as the person's edit pages.
  { method: 'GET', path: paths.newScreening.pattern, capability: 'screening:record', audit: 'person.view', handler: showNewScreening },
  { method: 'POST', path: paths.newScreening.pattern, capability: 'screening:record', audit: 'screening.record', handler: recordScreeningFromForm },
  { method: 'GET', path: paths.screening.pattern, capability: 'person:read', audit: 'screening.view', handler: showScreening },
  { method: 'POST', path: paths.override.pattern, capability: 'screening:record', audit: 'screening.override', handler: overrideFromForm },

  { method: 'GET', path: paths.ruleSets.pattern, capability: 'screening:configure', audit: 'none', handler: listRuleSets },
  { method: 'GET', path: paths.newRuleSet.pattern, capability: 'screening:configure', audit: 'none', handler: showNewRuleSet },
  { method: 'POST', path: paths.newRuleSet.pattern, capability: 'screening:configure', audit: 'screening.rule-set.create', handler: createRuleSet },

  {
    method: 'GET',
    path: paths.api.personScreenings.pattern,
    capability: 'person:read',
    audit: 'screening.view',
    handler: screeningsForApi,
    api: {
      summary: "A person's OPD pathway screenings, newest first, each with the rule set version that decided it",
      tag: 'Screening',
      responses: { 200: { description: 'The screenings', body: screeningsResponse }, 404: { description: 'No such person in your scope' } },
    },
  },
  {
    method: 'POST',
    path: paths.api.personScreenings.pattern,
    capability: 'screening:record',
    audit: 'screening.record',
    handler: recordScreeningFromApi,
    api: {
      summary: 'Record an OPD pathway screening; the rule set version in force on its date computes the outcome',
      tag: 'Screening',
      body: recordScreeningApiBody,
      responses: {
        201: { description: 'The screening, with its computed outcome', body: screeningResponse },
        404: { description: 'No such person in your scope' },
        409: { description: 'The version named in ruleSetId is not the one in force for that population and date', body: apiProblemResponse },
        422: { description: 'Problems with the body, each on its field', body: apiProblemResponse },
      },
    },
  },
  {
    method: 'GET',
    path: paths.api.screening.pattern,
    capability: 'person:read',
    audit: 'screening.view',
    handler: screeningForApi,
    api: {
      summary: 'One OPD pathway screening: answers, score, computed outcome, override and the version that decided it',
      tag: 'Screening',
      responses: { 200: { description: 'The screening', body: screeningResponse }, 404: { description: 'No such screening of a person in your scope' } },
    },
  },
  {
    method: 'POST',
    path: paths.api.override.pattern,
    capability: 'screening:record',
    audit: 'screening.override',
    handler: overrideFromApi,
    api: {
      summary: "A clinician's override of a screening's computed outcome, with the reason",
      tag: 'Screening',
      body: overrideApiBody,
      responses: {
        200: { description: 'The screening with the override', body: screeningResponse },
        403: { description: 'Only clinical staff of a health organisation override an outcome (or the capability screening:record is missing)', body: apiProblemResponse },
        404: { description: 'No such screening of a person in your scope' },
        409: { description: 'The screening has been overridden already', body: apiProblemResponse },
        422: { description: 'Problems with the body, each on its field', body: apiProblemResponse },
      },
    },
  },
  {
    method: 'GET',
    path: paths.api.ruleSets.pattern,
    capability: 'screening:record',
    audit: 'none',
    handler: ruleSetsForApi,
    api: {
      summary: 'Every version of the OPD screening criteria, with its questions and score rule, and which is in force today',
      tag: 'Screening',
      responses: { 200: { description: 'The versions, by rule set, oldest first', body: ruleSetsResponse } },
    },
  },
])
