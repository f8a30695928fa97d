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
  /** A restricted record needs a named grant besides the usual scope. */
  is_restricted: ColumnType<boolean, boolean | undefined, boolean>
  /** Codes from the code lists in content/code-lists.yml (sex, gender identity, language). */
  sex: string | null
  gender_identity: string | null
  pronouns: string | null
  preferred_language: string | null
  interpreter_needed: ColumnType<boolean, boolean | undefined, boolean>
  communication_needs: string | null
  reasonable_adjustments: string | null
  /** Where the person is now: in custody at an establishment, in a community area, or not known. */
  location_kind: 'custody' | 'community' | 'unknown' | null
  location_establishment: string | null
  location_area: string | null
  created_by: string | null
  /** Raised by every change; an edit based on an older version is refused. */
  version: ColumnType<number, number | undefined, number>
  /** Set when this record was merged into another (the survivor). */
  merged_into_id: string | null
  created_at: CreatedAt
  updated_at: Instant
}

export const aliasTypes = ['alias', 'previous_name', 'nickname'] as const
export type AliasType = (typeof aliasTypes)[number]

export interface PersonAliasTable {
  id: string
  person_id: string
  alias_type: AliasType
  given_name: string
  family_name: string
  recorded_at: Instant
  recorded_by: string | null
  removed_at: string | null
  removed_by: string | null
}

export const identifierKinds = ['nhs_number', 'pnc_id', 'prison_number', 'crn'] as const
export type IdentifierKind = (typeof identifierKinds)[number]

export interface PersonIdentifierTable {
  id: string
  person_id: string
  kind: IdentifierKind
  /** Always the normalised form (identifiers.ts). */
  value: string
  recorded_at: Instant
  recorded_by: string | null
  ended_at: string | null
  ended_by: string | null
  ended_reason: string | null
}

export interface PersonCharacteristicTable {
  id: string
  person_id: string
  characteristic: string
  code: string
  code_list_version: string
  recorded_at: Instant
  recorded_by: string | null
  superseded_at: string | null
}

export interface PersonNeedTable {
  id: string
  person_id: string
  need: string
  started_on: string | null
  ended_on: string | null
  source: string
  recorded_at: Instant
  recorded_by: string | null
  removed_at: string | null
  removed_by: string | null
}

export interface PersonChangeTable {
  id: string
  person_id: string
  /** Which part of the record changed: details, alias, identifier, characteristic, need, location, involvement, merge. */
  section: string
  changes: ColumnType<Record<string, unknown>, string, never>
  changed_at: Instant
  changed_by: string | null
}

export interface PersonTimelineEventTable {
  id: string
  person_id: string
  occurred_at: string
  kind: string
  /** Decides who may see the event (scope.ts data categories). */
  data_category: string
  organisation_id: string | null
  record_type: string | null
  record_id: string | null
  details: ColumnType<Record<string, unknown> | null, string | null, string | null>
  recorded_by: string | null
}

export type StaffUserStatus = 'invited' | 'active' | 'deactivated'

export interface StaffUserTable {
  id: string
  organisation_id: string
  /** Stored lower-case; sign-in matches it case-insensitively. */
  email: string
  display_name: string
  password_hash: string | null
  status: StaffUserStatus
  is_demo: ColumnType<boolean, boolean | undefined, boolean>
  mfa_secret: string | null
  mfa_enrolled_at: string | null
  mfa_last_step: number | null
  oidc_subject: string | null
  locked_until: string | null
  created_at: CreatedAt
  updated_at: Instant
}

export interface StaffUserRoleTable {
  user_id: string
  role: string
}

export interface TeamMembershipTable {
  user_id: string
  team_id: string
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a leaked table does not yield usable sessions. */
  id_hash: string
  user_id: string | null
  csrf_token: string
  /** Password accepted, second factor still to come. */
  mfa_pending: ColumnType<boolean, boolean | undefined, boolean>
  reauthenticated_at: string | null
  created_at: CreatedAt
  last_seen_at: string
  expires_at: string
}

export interface SignInAttemptTable {
  id: string
  email: string
  address: string
  succeeded: boolean
  attempted_at: string
}

export interface MfaRecoveryCodeTable {
  id: string
  user_id: string
  code_hash: string
  used_at: string | null
}

export interface PasswordResetTable {
  token_hash: string
  user_id: string
  issued_by: string
  expires_at: string
  used_at: string | null
  created_at: CreatedAt
}

export interface ApiTokenTable {
  id: string
  user_id: string
  name: string
  token_hash: string
  expires_at: string
  last_used_at: string | null
  revoked_at: string | null
  created_at: CreatedAt
}

export type InvolvementStatus = 'open' | 'closed'

export interface InvolvementTable {
  id: string
  person_id: string
  team_id: string
  status: InvolvementStatus
  started_on: string
  ended_on: string | null
  closed_reason: string | null
  closing_note: string | null
  opened_by: string | null
  closed_by: string | null
  created_at: CreatedAt
}

export interface RestrictedGrantTable {
  person_id: string
  user_id: string
  granted_by: string
  granted_at: CreatedAt
}

export interface SharingAgreementTable {
  id: string
  name: string
  /** The organisation whose people the agreement opens to the parties. */
  owner_organisation_id: string
  starts_on: string
  ends_on: string | null
  created_at: CreatedAt
}

export interface SharingAgreementPartyTable {
  agreement_id: string
  organisation_id: string
}

export interface SharingAgreementPurposeTable {
  agreement_id: string
  purpose: string
}

export interface SharingAgreementCategoryTable {
  agreement_id: string
  data_category: string
}

export interface BreakGlassTable {
  id: string
  user_id: string
  person_id: string
  category: string
  reason: string
  started_at: string
  expires_at: string
  reviewed_by: string | null
  reviewed_at: string | null
  review_outcome: 'appropriate' | 'inappropriate' | null
  review_note: string | null
}

export interface AuditEventTable {
  sequence: ColumnType<number, never, never>
  id: string
  occurred_at: string
  user_id: string | null
  organisation_id: string | null
  person_id: string | null
  record_type: string | null
  record_id: string | null
  action: string
  purpose: string | null
  route: string | null
  request_id: string | null
  outcome: 'allowed' | 'denied' | 'failed'
  details: ColumnType<Record<string, unknown> | null, string | null, never>
  previous_hash: string
  hash: string
}

export interface Database {
  schema_migration: SchemaMigrationTable
  seed_run: SeedRunTable
  organisation: OrganisationTable
  team: TeamTable
  service: ServiceTable
  service_element: ServiceElementTable
  person: PersonTable
  person_alias: PersonAliasTable
  person_identifier: PersonIdentifierTable
  person_characteristic: PersonCharacteristicTable
  person_need: PersonNeedTable
  person_change: PersonChangeTable
  person_timeline_event: PersonTimelineEventTable
  staff_user: StaffUserTable
  staff_user_role: StaffUserRoleTable
  team_membership: TeamMembershipTable
  session: SessionTable
  sign_in_attempt: SignInAttemptTable
  mfa_recovery_code: MfaRecoveryCodeTable
  password_reset: PasswordResetTable
  api_token: ApiTokenTable
  involvement: InvolvementTable
  restricted_grant: RestrictedGrantTable
  sharing_agreement: SharingAgreementTable
  sharing_agreement_party: SharingAgreementPartyTable
  sharing_agreement_purpose: SharingAgreementPurposeTable
  sharing_agreement_category: SharingAgreementCategoryTable
  break_glass: BreakGlassTable
  audit_event: AuditEventTable
}

export type Organisation = Selectable<OrganisationTable>
export type NewOrganisation = Insertable<OrganisationTable>
export type Service = Selectable<ServiceTable>
export type ServiceElement = Selectable<ServiceElementTable>
export type Person = Selectable<PersonTable>
export type StaffUser = Selectable<StaffUserTable>
export type AuditEventRow = Selectable<AuditEventTable>
