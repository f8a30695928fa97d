import { fieldProblemsResponse } from '../../platform/http/openapi.ts'
import { defineRoutes } from '../../platform/http/routes.ts'
import { createPersonApiBody, personMatchesApiResponse, personRecordApiResponse, updatePersonApiBody } from './forms.ts'
import { createPersonFromApi, personForApi, updatePersonFromApi } from './handlers/api-people.ts'
import { requestBreakGlass, showBreakGlass } from './handlers/break-glass.ts'
import { addPersonAlias, removePersonAlias, showAliases } from './handlers/edit-aliases.ts'
import { changeCharacteristics, showCharacteristics } from './handlers/edit-characteristics.ts'
import { changeDetails, showDetails } from './handlers/edit-details.ts'
import { addPersonIdentifier, endPersonIdentifier, showEndIdentifier, showIdentifiers } from './handlers/edit-identifiers.ts'
import { changeLanguage, showLanguage } from './handlers/edit-language.ts'
import { changeLocation, showLocation } from './handlers/edit-location.ts'
import { addPersonNeed, endPersonNeed, showEndNeed, showNeeds } from './handlers/edit-needs.ts'
import { endInvolvement, showCloseInvolvement, showOpenInvolvement, startInvolvement } from './handlers/involvements.ts'
import { listPeople } from './handlers/list-people.ts'
import { createPerson, showNewPerson } from './handlers/new-person.ts'
import { showHistory } from './handlers/show-history.ts'
import { showPerson } from './handlers/show-person.ts'
import { peoplePaths as paths } from './paths.ts'

// Every page showing part of a record audits `person.view`; every change audits `person.change`.
export const peopleRoutes = defineRoutes([
  { method: 'GET', path: paths.list.pattern, capability: 'person:read', audit: 'person.search', handler: listPeople },
  // The empty form holds no personal data.
  { method: 'GET', path: paths.newPerson.pattern, capability: 'person:write', audit: 'none', handler: showNewPerson },
  { method: 'POST', path: paths.newPerson.pattern, capability: 'person:write', audit: 'person.change', handler: createPerson },
  { method: 'GET', path: paths.person.pattern, capability: 'person:read', audit: 'person.view', handler: showPerson },
  { method: 'GET', path: paths.history.pattern, capability: 'person:read', audit: 'person.view', handler: showHistory },

  { method: 'GET', path: paths.edit.details.pattern, capability: 'person:write', audit: 'person.view', handler: showDetails },
  { method: 'POST', path: paths.edit.details.pattern, capability: 'person:write', audit: 'person.change', handler: changeDetails },
  { method: 'GET', path: paths.edit.location.pattern, capability: 'person:write', audit: 'person.view', handler: showLocation },
  { method: 'POST', path: paths.edit.location.pattern, capability: 'person:write', audit: 'person.change', handler: changeLocation },
  { method: 'GET', path: paths.edit.language.pattern, capability: 'person:write', audit: 'person.view', handler: showLanguage },
  { method: 'POST', path: paths.edit.language.pattern, capability: 'person:write', audit: 'person.change', handler: changeLanguage },
  { method: 'GET', path: paths.edit.characteristics.pattern, capability: 'person:write', audit: 'person.view', handler: showCharacteristics },
  { method: 'POST', path: paths.edit.characteristics.pattern, capability: 'person:write', audit: 'person.change', handler: changeCharacteristics },
  { method: 'GET', path: paths.edit.aliases.pattern, capability: 'person:write', audit: 'person.view', handler: showAliases },
  { method: 'POST', path: paths.edit.aliases.pattern, capability: 'person:write', audit: 'person.change', handler: addPersonAlias },
  { method: 'POST', path: paths.edit.removeAlias.pattern, capability: 'person:write', audit: 'person.change', handler: removePersonAlias },
  { method: 'GET', path: paths.edit.identifiers.pattern, capability: 'person:write', audit: 'person.view', handler: showIdentifiers },
  { method: 'POST', path: paths.edit.identifiers.pattern, capability: 'person:write', audit: 'person.change', handler: addPersonIdentifier },
  { method: 'GET', path: paths.edit.endIdentifier.pattern, capability: 'person:write', audit: 'person.view', handler: showEndIdentifier },
  { method: 'POST', path: paths.edit.endIdentifier.pattern, capability: 'person:write', audit: 'person.change', handler: endPersonIdentifier },
  { method: 'GET', path: paths.edit.needs.pattern, capability: 'person:write', audit: 'person.view', handler: showNeeds },
  { method: 'POST', path: paths.edit.needs.pattern, capability: 'person:write', audit: 'person.change', handler: addPersonNeed },
  { method: 'GET', path: paths.edit.endNeed.pattern, capability: 'person:write', audit: 'person.view', handler: showEndNeed },
  { method: 'POST', path: paths.edit.endNeed.pattern, capability: 'person:write', audit: 'person.change', handler: endPersonNeed },
  { method: 'GET', path: paths.newInvolvement.pattern, capability: 'person:write', audit: 'person.view', handler: showOpenInvolvement },
  { method: 'POST', path: paths.involvements.pattern, capability: 'person:write', audit: 'person.change', handler: startInvolvement },
  { method: 'GET', path: paths.closeInvolvement.pattern, capability: 'person:write', audit: 'person.view', handler: showCloseInvolvement },
  { method: 'POST', path: paths.closeInvolvement.pattern, capability: 'person:write', audit: 'person.change', handler: endInvolvement },

  { method: 'GET', path: paths.breakGlass.pattern, capability: 'breakglass:use', audit: 'none', handler: showBreakGlass },
  { method: 'POST', path: paths.breakGlass.pattern, capability: 'breakglass:use', audit: 'person.break-glass', handler: requestBreakGlass },

  {
    method: 'POST',
    path: paths.api.people.pattern,
    capability: 'person:write',
    audit: 'person.change',
    handler: createPersonFromApi,
    api: {
      summary: "Create a person record, opening an involvement with one of the caller's teams",
      tag: 'People',
      body: createPersonApiBody,
      responses: {
        201: { description: 'Created; the Location header names the new record', body: personRecordApiResponse },
        409: { description: 'Possible matches exist: those the caller may see, and whether any lie at another organisation. Send confirmNoMatch to create anyway', body: personMatchesApiResponse },
        422: { description: 'The body has problems', body: fieldProblemsResponse },
      },
    },
  },
  {
    method: 'GET',
    path: paths.api.person.pattern,
    capability: 'person:read',
    audit: 'person.view',
    handler: personForApi,
    api: { summary: 'Read a person record in the caller\'s scope', tag: 'People', responses: { 200: { description: 'The record', body: personRecordApiResponse }, 404: { description: 'No such person in the caller\'s scope' } } },
  },
  {
    method: 'PATCH',
    path: paths.api.person.pattern,
    capability: 'person:write',
    audit: 'person.change',
    handler: updatePersonFromApi,
    api: {
      summary: 'Change details, location or language of a person record',
      tag: 'People',
      body: updatePersonApiBody,
      responses: {
        200: { description: 'The changed record', body: personRecordApiResponse },
        404: { description: 'No such person in the caller\'s scope' },
        409: { description: 'The record changed since the given version', body: fieldProblemsResponse },
        422: { description: 'The body has problems', body: fieldProblemsResponse },
      },
    },
  },
])
