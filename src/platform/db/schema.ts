import type { ColumnType, Insertable, Selectable } from 'kysely'

/**
 * Table types, written by hand beside the migrations that create them.
 * Values are as the application sees them (values.ts): ids and instants are strings.
 */
type Instant = ColumnType<string, string | undefined, string>
type CreatedAt = ColumnType<string, string | undefined, never>

export interface SchemaMigrationTable {
  version: number
  name: string
  applied_at: CreatedAt
}

export interface SeedRunTable {
  name: string
  applied_at: CreatedAt
}

export const organisationTypes = [
  'nhs_trust',
  'probation_region',
  'probation_delivery_unit',
  'prison',
  'police_force',
  'court',
  'charity',
  'commissioner',
] as const
export type OrganisationType = (typeof organisationTypes)[number]

export interface OrganisationTable {
  id: string
  name: string
  type: OrganisationType
  /** A probation delivery unit sits within its region. */
  parent_id: string | null
  created_at: CreatedAt
}

export interface TeamTable {
  id: string
  organisation_id: string
  name: string
  /** Set for a service team: the service it delivers. */
  service_id: string | null
  created_at: CreatedAt
}

export interface ServiceTable {
  id: string
  organisation_id: string
  slug: string
  name: string
  summary: string
  setting: 'custody' | 'community' | 'custody_and_community'
  is_public: boolean
  created_at: CreatedAt
}

export interface ServiceElementTable {
  id: string
  service_id: string
  name: string
  /** Places available at once; null when the element is not limited by places. */
  capacity: number | null
  position: number
  created_at: CreatedAt
}

export interface PersonTable {
  id: string
  given_name: string
  family_name: string
  date_of_birth: string
  created_at: CreatedAt
  updated_at: Instant
}

export interface Database {
  schema_migration: SchemaMigrationTable
  seed_run: SeedRunTable
  organisation: OrganisationTable
  team: TeamTable
  service: ServiceTable
  service_element: ServiceElementTable
  person: PersonTable
}

export type Organisation = Selectable<OrganisationTable>
export type NewOrganisation = Insertable<OrganisationTable>
export type Service = Selectable<ServiceTable>
export type ServiceElement = Selectable<ServiceElementTable>
export type Person = Selectable<PersonTable>
