import { sql, type Expression, type SqlBool } from 'kysely'
import type { Db } from '../../platform/db/database.ts'
import { newId } from '../../platform/db/ids.ts'
import type { OrganisationType } from '../../platform/db/schema.ts'
import { jsonValue } from '../../platform/db/values.ts'
import type { DocumentType, StorageKind } from '../../platform/files/index.ts'
import type { ServiceDetails } from './forms.ts'
import { isServiceSetting, ruleParameters, serviceSettings, storedEligibilityRule, type EligibilityRule, type ManagerScope, type ServiceSetting } from './rules.ts'

// Reading services: the directory shows no person-level data, so the public reads take no scope.

export interface ServiceSummary {
  id: string
  slug: string
  name: string
  summary: string
  provider: string
  organisationId: string
  isPublic: boolean
  settings: ServiceSetting[]
}

export interface ServiceElementRow {
  id: string
  name: string
  capacity: number | null
}

export interface DownloadRow {
  id: string
  title: string
  fileName: string
  documentType: DocumentType
  byteSize: number
  sha256: string
  uploadedAt: string
}

export interface ServiceDetail extends ServiceSummary {
  description: string
  audience: string
  howToRefer: string
  contact: { name: string | null; email: string | null; phone: string | null }
  elements: ServiceElementRow[]
  /** Stored rules that no longer validate are left out rather than shown wrongly. */
  rules: Array<{ id: string; rule: EligibilityRule }>
  referrerRoles: string[]
  referrerOrganisationTypes: OrganisationType[]
  downloads: DownloadRow[]
  /** Names of the organisations region rules refer to, by id. */
  organisationNames: Record<string, string>
}

function services(db: Db) {
  return db
    .selectFrom('service')
    .innerJoin('organisation', 'organisation.id', 'service.organisation_id')
    .select([
      'service.id',
      'service.slug',
      'service.name',
      'service.summary',
      'service.is_public',
      'service.description',
      'service.audience',
      'service.how_to_refer',
      'service.contact_name',
      'service.contact_email',
      'service.contact_phone',
      'organisation.id as organisation_id',
      'organisation.name as provider',
    ])
}

type ServiceRow = Awaited<ReturnType<ReturnType<typeof services>['executeTakeFirstOrThrow']>>

/** The settings of all the given services in one query (no query per service). */
async function settingsOf(db: Db, serviceIds: readonly string[]): Promise<Map<string, ServiceSetting[]>> {
  const byService = new Map(serviceIds.map((id) => [id, [] as ServiceSetting[]]))
  if (serviceIds.length === 0) return byService
  const rows = await db.selectFrom('service_setting').select(['service_id', 'setting']).where('service_id', 'in', serviceIds).execute()
  for (const row of rows) if (isServiceSetting(row.setting)) byService.get(row.service_id)?.push(row.setting)
  return byService
}

async function summaries(db: Db, rows: readonly ServiceRow[]): Promise<ServiceSummary[]> {
  const settings = await settingsOf(db, rows.map((row) => row.id))
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    summary: row.summary,
    provider: row.provider,
    organisationId: row.organisation_id,
    isPublic: row.is_public,
    settings: serviceSettings.filter((setting) => settings.get(row.id)?.includes(setting)),
  }))
}

/** The public services working in one of `settings` (all when empty), by name. */
export async function listPublicServices(db: Db, settings: readonly ServiceSetting[]): Promise<ServiceSummary[]> {
  let query = services(db).where('service.is_public', '=', true)
  if (settings.length > 0) {
    query = query.where((eb) => eb.exists(eb.selectFrom('service_setting').select(sql`1`.as('one')).whereRef('service_setting.service_id', '=', 'service.id').where('service_setting.setting', 'in', settings)))
  }
  return summaries(db, await query.orderBy('service.name').orderBy('service.slug').execute())
}

/** Everything the public page shows, in a fixed number of queries whatever the service holds. */
async function detailOf(db: Db, row: ServiceRow): Promise<ServiceDetail> {
  const [[summary], elements, ruleRows, roles, types, downloads] = await Promise.all([
    summaries(db, [row]),
    db.selectFrom('service_element').select(['id', 'name', 'capacity']).where('service_id', '=', row.id).orderBy('position').orderBy('name').execute(),
    db.selectFrom('service_eligibility_rule').select(['id', 'kind', 'parameters']).where('service_id', '=', row.id).orderBy('position').execute(),
    db.selectFrom('service_referrer_role').select('role').where('service_id', '=', row.id).orderBy('role').execute(),
    db.selectFrom('service_referrer_organisation_type').select('organisation_type').where('service_id', '=', row.id).orderBy('organisation_type').execute(),
    db
      .selectFrom('service_download')
      .select(['id', 'title', 'file_name', 'document_type', 'byte_size', 'sha256', 'uploaded_at'])
      .where('service_id', '=', row.id)
      .where('removed_at', 'is', null)
      .orderBy('uploaded_at')
      .execute(),
  ])
  const rules = ruleRows.flatMap((stored) => {
    const rule = storedEligibilityRule(stored.kind, stored.parameters)
    return rule ? [{ id: stored.id, rule }] : []
  })
  const organisationIds = [...new Set(rules.flatMap(({ rule }) => (rule.kind === 'region' ? rule.organisationIds : [])))]
  const organisations = organisationIds.length === 0 ? [] : await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', organisationIds).execute()
  return {
    ...(summary as ServiceSummary),
    description: row.description,
    audience: row.audience,
    howToRefer: row.how_to_refer,
    contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
    elements: elements.map((element) => ({ id: element.id, name: element.name, capacity: element.capacity === null ? null : Number(element.capacity) })),
    rules,
    referrerRoles: roles.map((role) => role.role),
    referrerOrganisationTypes: types.map((type) => type.organisation_type),
    downloads: downloads.map((download) => ({
      id: download.id,
      title: download.title,
      fileName: download.file_name,
      documentType: download.document_type,
      byteSize: Number(download.byte_size),
      sha256: download.sha256,
      uploadedAt: download.uploaded_at,
    })),
    organisationNames: Object.fromEntries(organisations.map((organisation) => [organisation.id, organisation.name])),
  }
}

/** One public service, or undefined when there is no public service with that slug. */
export async function findPublicService(db: Db, slug: string): Promise<ServiceDetail | undefined> {
  const row = await services(db).where('service.is_public', '=', true).where('service.slug', '=', slug).executeTakeFirst()
  return row ? detailOf(db, row) : undefined
}

export interface StoredDownload extends DownloadRow {
  storage: StorageKind
  storageKey: string
}

/** A download of a public service that has not been removed. */
export async function findPublicDownload(db: Db, slug: string, downloadId: string): Promise<StoredDownload | undefined> {
  const row = await db
    .selectFrom('service_download')
    .innerJoin('service', 'service.id', 'service_download.service_id')
    .select(['service_download.id', 'title', 'file_name', 'document_type', 'byte_size', 'sha256', 'uploaded_at', 'storage', 'storage_key'])
    .where('service.slug', '=', slug)
    .where('service.is_public', '=', true)
    .where('service_download.id', '=', downloadId)
    .where('service_download.removed_at', 'is', null)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    title: row.title,
    fileName: row.file_name,
    documentType: row.document_type,
    byteSize: Number(row.byte_size),
    sha256: row.sha256,
    uploadedAt: row.uploaded_at,
    storage: row.storage,
    storageKey: row.storage_key,
  }
}

// Managing services: every statement carries the manager's scope, so another organisation's service is never read or changed.

function withinScope(scope: ManagerScope): Expression<SqlBool> {
  return scope.everyOrganisation ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.ref('service.organisation_id')} = ${scope.organisationId}`
}

/** The service's id when it is in scope: statements on its parts filter by this, so they touch nothing outside it. */
function serviceInScope(db: Db, scope: ManagerScope, serviceId: string) {
  return db.selectFrom('service').select('service.id').where('service.id', '=', serviceId).where(withinScope(scope))
}

export async function listManagedServices(db: Db, scope: ManagerScope): Promise<ServiceSummary[]> {
  return summaries(db, await services(db).where(withinScope(scope)).orderBy('organisation.name').orderBy('service.name').execute())
}

export async function findManagedService(db: Db, scope: ManagerScope, serviceId: string): Promise<ServiceDetail | undefined> {
  const row = await services(db).where('service.id', '=', serviceId).where(withinScope(scope)).executeTakeFirst()
  return row ? detailOf(db, row) : undefined
}

/** The organisations a manager may add a service for. */
export function providersInScope(db: Db, scope: ManagerScope): Promise<Array<{ id: string; name: string }>> {
  const query = db.selectFrom('organisation').select(['id', 'name'])
  return (scope.everyOrganisation ? query : query.where('id', '=', scope.organisationId)).orderBy('name').execute()
}

/** Organisations a region rule can name: where people are managed (probation, prisons). */
export function regionOrganisations(db: Db): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('organisation').select(['id', 'name']).where('type', 'in', ['probation_region', 'probation_delivery_unit', 'prison']).orderBy('name').execute()
}

export async function slugTaken(db: Db, slug: string): Promise<boolean> {
  return (await db.selectFrom('service').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined
}

function detailColumns(details: ServiceDetails) {
  return {
    name: details.name,
    summary: details.summary,
    description: details.description,
    audience: details.audience,
    how_to_refer: details.howToRefer,
    contact_name: details.contactName,
    contact_email: details.contactEmail,
    contact_phone: details.contactPhone,
  }
}

async function replaceSettings(db: Db, scope: ManagerScope, serviceId: string, settings: readonly ServiceSetting[]): Promise<void> {
  await db.deleteFrom('service_setting').where('service_id', 'in', serviceInScope(db, scope, serviceId)).execute()
  if (settings.length > 0) await db.insertInto('service_setting').values(settings.map((setting) => ({ service_id: serviceId, setting }))).execute()
}

/** A new service starts unpublished: its manager fills it in, then publishes it. */
export async function createService(db: Db, scope: ManagerScope, service: { organisationId: string; slug: string; details: ServiceDetails }): Promise<string> {
  const id = newId()
  await db.insertInto('service').values({ id, organisation_id: service.organisationId, slug: service.slug, is_public: false, ...detailColumns(service.details) }).execute()
  await replaceSettings(db, scope, id, service.details.settings)
  return id
}

export async function updateServiceDetails(db: Db, scope: ManagerScope, serviceId: string, details: ServiceDetails): Promise<void> {
  await db.updateTable('service').set(detailColumns(details)).where('service.id', '=', serviceId).where(withinScope(scope)).execute()
  await replaceSettings(db, scope, serviceId, details.settings)
}

export async function setPublic(db: Db, scope: ManagerScope, serviceId: string, isPublic: boolean): Promise<boolean> {
  const result = await db
    .updateTable('service')
    .set({ is_public: isPublic })
    .where('service.id', '=', serviceId)
    .where('service.is_public', '=', !isPublic)
    .where(withinScope(scope))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function elementNameTaken(db: Db, serviceId: string, name: string, exceptElementId?: string): Promise<boolean> {
  let query = db.selectFrom('service_element').select('id').where('service_id', '=', serviceId).where(sql<string>`lower(name)`, '=', name.toLowerCase())
  if (exceptElementId) query = query.where('id', '!=', exceptElementId)
  return (await query.executeTakeFirst()) !== undefined
}

export async function addElement(db: Db, scope: ManagerScope, serviceId: string, element: { name: string; capacity: number | null }): Promise<string> {
  const id = newId()
  const last = await db.selectFrom('service_element').select((eb) => eb.fn.max('position').as('position')).where('service_id', 'in', serviceInScope(db, scope, serviceId)).executeTakeFirst()
  await db.insertInto('service_element').values({ id, service_id: serviceId, name: element.name, capacity: element.capacity, position: Number(last?.position ?? 0) + 1 }).execute()
  return id
}

export async function updateElement(db: Db, scope: ManagerScope, serviceId: string, elementId: string, element: { name: string; capacity: number | null }): Promise<void> {
  await db.updateTable('service_element').set(element).where('id', '=', elementId).where('service_id', 'in', serviceInScope(db, scope, serviceId)).execute()
}

/**
 * Removes an element no referral or allocation names: those keep their history, so an
 * element in use stays (its places can be set to 0 instead).
 */
export async function removeElement(db: Db, scope: ManagerScope, serviceId: string, elementId: string): Promise<'removed' | 'in_use' | 'gone'> {
  const inUse = await db
    .selectFrom('service_element')
    .select('id')
    .where('id', '=', elementId)
    .where((eb) => eb.or([eb.exists(eb.selectFrom('referral').select('referral.id').whereRef('referral.service_element_id', '=', 'service_element.id')), eb.exists(eb.selectFrom('allocation').select('allocation.id').whereRef('allocation.service_element_id', '=', 'service_element.id'))]))
    .executeTakeFirst()
  if (inUse) return 'in_use'
  const result = await db.deleteFrom('service_element').where('id', '=', elementId).where('service_id', 'in', serviceInScope(db, scope, serviceId)).executeTakeFirst()
  return Number(result.numDeletedRows) === 1 ? 'removed' : 'gone'
}

export async function addRule(db: Db, scope: ManagerScope, serviceId: string, rule: EligibilityRule): Promise<string> {
  const id = newId()
  const last = await db.selectFrom('service_eligibility_rule').select((eb) => eb.fn.max('position').as('position')).where('service_id', 'in', serviceInScope(db, scope, serviceId)).executeTakeFirst()
  await db.insertInto('service_eligibility_rule').values({ id, service_id: serviceId, kind: rule.kind, parameters: jsonValue(ruleParameters(rule)), position: Number(last?.position ?? 0) + 1 }).execute()
  return id
}

export async function removeRule(db: Db, scope: ManagerScope, serviceId: string, ruleId: string): Promise<boolean> {
  const result = await db.deleteFrom('service_eligibility_rule').where('id', '=', ruleId).where('service_id', 'in', serviceInScope(db, scope, serviceId)).executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

export async function replaceReferrers(db: Db, scope: ManagerScope, serviceId: string, referrers: { roles: readonly string[]; organisationTypes: readonly OrganisationType[] }): Promise<void> {
  await db.deleteFrom('service_referrer_role').where('service_id', 'in', serviceInScope(db, scope, serviceId)).execute()
  await db.deleteFrom('service_referrer_organisation_type').where('service_id', 'in', serviceInScope(db, scope, serviceId)).execute()
  if (referrers.roles.length > 0) await db.insertInto('service_referrer_role').values(referrers.roles.map((role) => ({ service_id: serviceId, role }))).execute()
  if (referrers.organisationTypes.length > 0) {
    await db.insertInto('service_referrer_organisation_type').values(referrers.organisationTypes.map((type) => ({ service_id: serviceId, organisation_type: type }))).execute()
  }
}

export interface NewDownload {
  serviceId: string
  title: string
  fileName: string
  documentType: DocumentType
  byteSize: number
  sha256: string
  storage: StorageKind
  storageKey: string
  uploadedBy: string
}

/** The service has been found in scope by the caller, in the same transaction. */
export async function addDownload(db: Db, download: NewDownload): Promise<string> {
  const id = newId()
  await db
    .insertInto('service_download')
    .values({
      id,
      service_id: download.serviceId,
      title: download.title,
      file_name: download.fileName,
      document_type: download.documentType,
      byte_size: download.byteSize,
      sha256: download.sha256,
      storage: download.storage,
      storage_key: download.storageKey,
      uploaded_by: download.uploadedBy,
    })
    .execute()
  return id
}

/** Marks the download removed (the row and the file stay, for the history); false when it was not there to remove. */
export async function removeDownload(db: Db, scope: ManagerScope, serviceId: string, downloadId: string, removal: { userId: string; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('service_download')
    .set({ removed_at: removal.now.toISOString(), removed_by: removal.userId })
    .where('id', '=', downloadId)
    .where('removed_at', 'is', null)
    .where('service_id', 'in', serviceInScope(db, scope, serviceId))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

// History

export async function recordServiceChange(db: Db, change: { serviceId: string; action: string; details: Record<string, unknown>; changedBy: string }): Promise<void> {
  await db.insertInto('service_change').values({ id: newId(), service_id: change.serviceId, action: change.action, details: jsonValue(change.details), changed_by: change.changedBy }).execute()
}

export interface ServiceChangeRow {
  action: string
  details: Record<string, unknown>
  changedAt: string
  changedBy: string | null
}

/** The latest changes, newest first (the service has been found in scope by the caller). */
export async function serviceHistory(db: Db, serviceId: string, limit: number): Promise<ServiceChangeRow[]> {
  const rows = await db
    .selectFrom('service_change')
    .leftJoin('staff_user', 'staff_user.id', 'service_change.changed_by')
    .select(['service_change.action', 'service_change.details', 'service_change.changed_at', 'staff_user.display_name'])
    .where('service_change.service_id', '=', serviceId)
    .orderBy('service_change.changed_at', 'desc')
    .orderBy('service_change.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => ({ action: row.action, details: row.details, changedAt: row.changed_at, changedBy: row.display_name }))
}
