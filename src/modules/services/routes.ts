import { defineRoutes } from '../../platform/http/routes.ts'
import { serviceResponse, servicesListResponse, servicesQuery } from './forms.ts'
import { listServicesForApi, serviceForApi } from './handlers/api-services.ts'
import { downloadFile } from './handlers/download-file.ts'
import { listServices } from './handlers/list-services.ts'
import { addDownload, showNewDownload } from './handlers/manage/add-download.ts'
import { addElement, showNewElement } from './handlers/manage/add-element.ts'
import { addRule, showNewRule } from './handlers/manage/add-rule.ts'
import { changeDetails, showChangeDetails } from './handlers/manage/change-details.ts'
import { changeElement, showChangeElement } from './handlers/manage/change-element.ts'
import { changeReferrers, showChangeReferrers } from './handlers/manage/change-referrers.ts'
import { createService, showNewService } from './handlers/manage/create-service.ts'
import { showManagedServices } from './handlers/manage/list-services.ts'
import { publishService, unpublishService } from './handlers/manage/publish.ts'
import { removeDownload } from './handlers/manage/remove-download.ts'
import { removeElement } from './handlers/manage/remove-element.ts'
import { removeRule } from './handlers/manage/remove-rule.ts'
import { showManagedService } from './handlers/manage/show-service.ts'
import { showService } from './handlers/show-service.ts'
import { servicesPaths as paths } from './paths.ts'

const manage = paths.manage

/**
 * The directory holds no person-level data: its public pages and API are open to anyone
 * (the API shows exactly what the pages show), and its management pages declare no audit
 * event for reading. Every change declares and writes one. `service:manage` reaches only
 * the manager's own organisation's services (in the repository's SQL); a system
 * administrator's reaches every one.
 */
export const servicesRoutes = defineRoutes([
  { method: 'GET', path: paths.list.pattern, capability: 'public', audit: 'none', handler: listServices },
  { method: 'GET', path: paths.service.pattern, capability: 'public', audit: 'none', handler: showService },
  { method: 'GET', path: paths.download.pattern, capability: 'public', audit: 'none', handler: downloadFile },
  {
    method: 'GET',
    path: paths.api.services.pattern,
    capability: 'public',
    audit: 'none',
    handler: listServicesForApi,
    api: { summary: 'List the public services, optionally by setting', tag: 'Services', query: servicesQuery, responses: { 200: { description: 'The public services, by name', body: servicesListResponse } } },
  },
  {
    method: 'GET',
    path: paths.api.service.pattern,
    capability: 'public',
    audit: 'none',
    handler: serviceForApi,
    api: {
      summary: 'One public service: places, eligibility, referrers, how to refer, contact and files',
      tag: 'Services',
      responses: { 200: { description: 'The service', body: serviceResponse }, 404: { description: 'No public service has this slug' } },
    },
  },

  { method: 'GET', path: manage.list.pattern, capability: 'service:manage', audit: 'none', handler: showManagedServices },
  { method: 'GET', path: manage.create.pattern, capability: 'service:manage', audit: 'none', handler: showNewService },
  { method: 'POST', path: manage.list.pattern, capability: 'service:manage', audit: 'service.create', handler: createService },
  { method: 'GET', path: manage.service.pattern, capability: 'service:manage', audit: 'none', handler: showManagedService },
  { method: 'GET', path: manage.details.pattern, capability: 'service:manage', audit: 'none', handler: showChangeDetails },
  { method: 'POST', path: manage.details.pattern, capability: 'service:manage', audit: 'service.change', handler: changeDetails },
  { method: 'POST', path: manage.publish.pattern, capability: 'service:manage', audit: 'service.publish', handler: publishService },
  { method: 'POST', path: manage.unpublish.pattern, capability: 'service:manage', audit: 'service.unpublish', handler: unpublishService },

  { method: 'GET', path: manage.newElement.pattern, capability: 'service:manage', audit: 'none', handler: showNewElement },
  { method: 'POST', path: manage.elements.pattern, capability: 'service:manage', audit: 'service.element.add', handler: addElement },
  { method: 'GET', path: manage.element.pattern, capability: 'service:manage', audit: 'none', handler: showChangeElement },
  { method: 'POST', path: manage.element.pattern, capability: 'service:manage', audit: 'service.element.change', handler: changeElement },
  { method: 'POST', path: manage.removeElement.pattern, capability: 'service:manage', audit: 'service.element.remove', handler: removeElement },

  { method: 'GET', path: manage.newRule.pattern, capability: 'service:manage', audit: 'none', handler: showNewRule },
  { method: 'POST', path: manage.rules.pattern, capability: 'service:manage', audit: 'service.rule.add', handler: addRule },
  { method: 'POST', path: manage.removeRule.pattern, capability: 'service:manage', audit: 'service.rule.remove', handler: removeRule },

  { method: 'GET', path: manage.referrers.pattern, capability: 'service:manage', audit: 'none', handler: showChangeReferrers },
  { method: 'POST', path: manage.referrers.pattern, capability: 'service:manage', audit: 'service.referrers.change', handler: changeReferrers },

  { method: 'GET', path: manage.newDownload.pattern, capability: 'service:manage', audit: 'none', handler: showNewDownload },
  { method: 'POST', path: manage.downloads.pattern, capability: 'service:manage', audit: 'service.download.add', handler: addDownload },
  { method: 'POST', path: manage.removeDownload.pattern, capability: 'service:manage', audit: 'service.download.remove', handler: removeDownload },
])
