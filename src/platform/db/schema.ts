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
  /** One sentence for the directory list. */
  summary: string
  /** What the service offers. */
  description: ColumnType<string, string | undefined, string>
  /** Who the service is for, in words (the eligibility rules are data: service_eligibility_rule). */
  audience: ColumnType<string, string | undefined, string>
  how_to_refer: ColumnType<string, string | undefined, string>
  contact_name: ColumnType<string | null, string | null | undefined, string | null>
  contact_email: ColumnType<string | null, string | null | undefined, string | null>
  contact_phone: ColumnType<string | null, string | null | undefined, string | null>
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
  /** The case (allocation) the event belongs to, for the case's history. */
  allocation_id: ColumnType<string | null, string | null | undefined, string | null>
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
  /** Set when the involvement exists because of a referral to the team's service. */
  referral_id: string | null
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

export const accessRequestStatuses = ['pending', 'granted', 'declined'] as const
export type AccessRequestStatus = (typeof accessRequestStatuses)[number]

/** A request, filed to a team holding a possible match, by a user whose scope does not reach that person. */
export interface AccessRequestTable {
  id: string
  requested_by: string
  requesting_organisation_id: string
  owning_team_id: string
  person_id: string
  reason: string
  status: AccessRequestStatus
  created_at: CreatedAt
  decided_by: string | null
  decided_at: string | null
  decision_note: string | null
}

/** One cohort import: counts and a checksum of the file, never its contents. */
export interface PersonImportTable {
  id: string
  requested_by: string
  team_id: string
  status: 'imported' | 'rejected'
  file_checksum: string
  columns: ColumnType<string[], string, never>
  row_count: number
  imported_count: number
  rejected_count: number
  created_at: CreatedAt
}

/** A rejected row of an import, as typed, with its problems (field and content key). */
export interface PersonImportRejectionTable {
  import_id: string
  row_number: number
  cells: ColumnType<string[], string, never>
  problems: ColumnType<Array<{ field: string; key: string; params?: Record<string, string | number> }>, string, never>
}

// The services directory (migrations/0005-services-directory.ts).

/** Where a service works (services/rules.ts serviceSettings); one row per setting. */
export interface ServiceSettingTable {
  service_id: string
  setting: string
}

export interface ServiceEligibilityRuleTable {
  id: string
  service_id: string
  /** services/rules.ts eligibilityRuleKinds; `parameters` are that kind's values. */
  kind: string
  parameters: ColumnType<Record<string, unknown>, string, string>
  position: number
}

/** No rows for a service: any role that may refer. */
export interface ServiceReferrerRoleTable {
  service_id: string
  role: string
}

/** No rows for a service: referrers from any kind of organisation. */
export interface ServiceReferrerOrganisationTypeTable {
  service_id: string
  organisation_type: OrganisationType
}

export interface ServiceDownloadTable {
  id: string
  service_id: string
  title: string
  /** A safe name made at upload (never the uploader's name as given), with the extension of the detected type. */
  file_name: string
  /** platform/files documentTypes: detected from the bytes, not from the name. */
  document_type: 'pdf' | 'docx' | 'odt'
  byte_size: number
  /** Hex SHA-256 of the bytes: checked on every read, and the download's ETag. */
  sha256: string
  storage: 'disk' | 'database'
  storage_key: string
  uploaded_at: CreatedAt
  uploaded_by: string | null
  removed_at: string | null
  removed_by: string | null
}

/** The history of a service as its managers changed it (the audit trail holds the same, hash-chained). */
export interface ServiceChangeTable {
  id: string
  service_id: string
  /** The audit event name of the change, e.g. service.element.add. */
  action: string
  details: ColumnType<Record<string, unknown>, string, never>
  changed_at: CreatedAt
  changed_by: string | null
}

/** File contents kept in the database (FILE_STORAGE=database), by generated key. */
export interface StoredFileTable {
  key: string
  content: Buffer
  created_at: CreatedAt
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
  access_request: AccessRequestTable
  person_import: PersonImportTable
  person_import_rejection: PersonImportRejectionTable
  service_setting: ServiceSettingTable
  service_eligibility_rule: ServiceEligibilityRuleTable
  service_referrer_role: ServiceReferrerRoleTable
  service_referrer_organisation_type: ServiceReferrerOrganisationTypeTable
  service_download: ServiceDownloadTable
  service_change: ServiceChangeTable
  stored_file: StoredFileTable
  person_search_document: PersonSearchDocumentTable
  person_search_word: PersonSearchWordTable
  person_merge: PersonMergeTable
  referral: ReferralTable
  referral_transition: ReferralTransitionTable
  referral_note: ReferralNoteTable
  referral_attachment: ReferralAttachmentTable
  screening_rule_set: ScreeningRuleSetTable
  screening: ScreeningTable
  allocation: AllocationTable
  notification: NotificationTable
  outbox_message: OutboxMessageTable
  case_formulation: CaseFormulationTable
  case_formulation_author: CaseFormulationAuthorTable
  pathway_plan: PathwayPlanTable
  plan_goal: PlanGoalTable
  plan_action: PlanActionTable
  case_tier: CaseTierTable
  contact: ContactTable
  contact_attendee: ContactAttendeeTable
  case_note: CaseNoteTable
  case_note_attachment: CaseNoteAttachmentTable
  risk_plan: RiskPlanTable
  outcome_measurement: OutcomeMeasurementTable
  case_task: CaseTaskTable
  forum_member: ForumMemberTable
  forum_member_session: ForumMemberSessionTable
  forum_category: ForumCategoryTable
  forum_topic: ForumTopicTable
  forum_post: ForumPostTable
  forum_post_edit: ForumPostEditTable
  forum_post_retained: ForumPostRetainedTable
  forum_flag: ForumFlagTable
  forum_watch_word: ForumWatchWordTable
  forum_topic_read: ForumTopicReadTable
  forum_moderation_action: ForumModerationActionTable
  forum_poll: ForumPollTable
  forum_poll_option: ForumPollOptionTable
  forum_poll_vote: ForumPollVoteTable
}

export type Organisation = Selectable<OrganisationTable>
export type NewOrganisation = Insertable<OrganisationTable>
export type Service = Selectable<ServiceTable>
export type ServiceElement = Selectable<ServiceElementTable>
export type Person = Selectable<PersonTable>
export type StaffUser = Selectable<StaffUserTable>
export type AuditEventRow = Selectable<AuditEventTable>

/**
 * A person's folded names for search, written only by the database's own triggers
 * (migrations/0006-person-search.ts). SQLite adds `doc_id` as the FTS5 rowid.
 */
export interface PersonSearchDocumentTable {
  person_id: string
  /** Folded names joined by "|": own name, current aliases, names of records merged into them. */
  names: string
}

/** PostgreSQL only: each distinct word of a search document, written by the same triggers. */
export interface PersonSearchWordTable {
  word: string
  person_id: string
}

/** One merge of a duplicate record into the record that survives, and what it moved (person-merge module). */
export interface PersonMergeTable {
  id: string
  survivor_id: string
  merged_id: string
  merged_by: string
  merged_at: string
  reason: string
  /** The ids of the rows re-pointed to the survivor, by table: exactly what a reversal moves back. */
  moved_rows: ColumnType<Record<string, string[]>, string, never>
  reversed_at: string | null
  reversed_by: string | null
}

// Referrals, screening, waiting lists and allocation (migrations/0008-referrals.ts) -----------

export interface ReferralTable {
  id: string
  person_id: string
  service_id: string
  service_element_id: string | null
  /** A ReferralStatus (src/modules/referrals/rules.ts). */
  status: string
  urgency: string
  /** Waiting-list order: lower first, then referred_at. */
  priority: number
  referrer_user_id: string
  referrer_organisation_id: string
  referrer_team_id: string | null
  referrer_role: string
  reasons: string | null
  risk_summary: string | null
  needs_summary: string | null
  /** As the referrer assessed it: low, medium, high, very_high (eligibility rules read it). */
  risk_of_serious_harm: string | null
  /** Expected end of custody or sentence, for "time left to serve" rules. */
  sentence_end_on: string | null
  legal_basis: string | null
  consent_given_on: string | null
  eligibility_override_reason: string | null
  referred_at: string | null
  decided_at: string | null
  version: ColumnType<number, number | undefined, number>
  created_at: CreatedAt
  updated_at: Instant
}

export interface ReferralTransitionTable {
  id: string
  referral_id: string
  from_status: string | null
  to_status: string
  reason: string | null
  note: string | null
  by_user_id: string
  by_organisation_id: string
  occurred_at: Instant
}

export interface ReferralNoteTable {
  id: string
  referral_id: string
  text: string
  author_user_id: string
  author_organisation_id: string
  created_at: CreatedAt
}

export interface ReferralAttachmentTable {
  id: string
  referral_id: string
  title: string
  file_name: string
  media_type: string
  size_bytes: number
  sha256: string
  /** The file store holding the bytes (migrations/0009-referral-attachment-storage.ts). */
  storage: ColumnType<'disk' | 'database', 'disk' | 'database', never>
  storage_key: string
  uploaded_by: string
  uploaded_at: Instant
  removed_at: string | null
}

export interface ScreeningRuleSetTable {
  id: string
  key: string
  version: string
  population: string
  effective_from: string
  /** The criteria and score rule (src/modules/screening/rules.ts RuleSet, without key/version/population/date). */
  definition: ColumnType<Record<string, unknown>, string, string>
  created_by: string | null
  created_at: CreatedAt
}

export interface ScreeningTable {
  id: string
  person_id: string
  rule_set_id: string
  answers: ColumnType<Record<string, unknown>, string, string>
  computed_outcome: string
  override_outcome: string | null
  override_reason: string | null
  overridden_by: string | null
  overridden_at: string | null
  screened_on: string
  screened_by: string
  organisation_id: string
  created_at: CreatedAt
}

export interface AllocationTable {
  id: string
  referral_id: string
  person_id: string
  service_element_id: string
  keyworker_user_id: string | null
  lead_clinician_user_id: string | null
  status: 'active' | 'ended'
  started_at: string
  ended_at: string | null
  ended_reason: string | null
  over_capacity_reason: string | null
  allocated_by: string
  /** Written when the case closes (migrations/0010-casework.ts). */
  closing_summary: string | null
  /** The team a transfer hands the case over to; it gets a hand-over task. */
  transferred_to_team_id: string | null
}

export interface NotificationTable {
  id: string
  user_id: string | null
  team_id: string | null
  kind: string
  referral_id: string | null
  created_at: CreatedAt
  read_at: string | null
}

export interface OutboxMessageTable {
  id: string
  recipient_user_id: string
  channel: 'email'
  template: string
  parameters: ColumnType<Record<string, unknown>, string, never>
  created_at: CreatedAt
  sent_at: string | null
  attempts: ColumnType<number, number | undefined, number>
}

/* Case work (migrations/0010-casework.ts): a case is an allocation. */

export interface CaseFormulationTable {
  id: string
  allocation_id: string
  person_id: string
  version: number
  /** The part every reader of the case sees, section key → text. */
  shared: ColumnType<Record<string, string>, string, string>
  /** The clinical-only part (health-only), section key → text. */
  clinical: ColumnType<Record<string, string>, string, string>
  formulated_on: string
  created_by: string
  created_at: CreatedAt
}

export interface CaseFormulationAuthorTable {
  formulation_id: string
  user_id: string
}

export interface PathwayPlanTable {
  id: string
  allocation_id: string
  person_id: string
  review_on: string | null
  custody_next_service: string | null
  progression_move: string | null
  community_pathway: string | null
  version: ColumnType<number, number | undefined, number>
  updated_by: string
  updated_at: Instant
}

export interface PlanGoalTable {
  id: string
  plan_id: string
  description: string
  status: string
  position: number
  created_at: CreatedAt
}

export interface PlanActionTable {
  id: string
  goal_id: string
  description: string
  owner_user_id: string | null
  owner_description: string | null
  due_on: string | null
  status: string
  created_at: CreatedAt
}

export interface CaseTierTable {
  id: string
  allocation_id: string
  /** training, consultation or co_working. */
  tier: string
  started_on: string
  ended_on: string | null
  recorded_by: string
  created_at: CreatedAt
}

export interface ContactTable {
  id: string
  /** A code from the contact kinds code list: one_to_one_therapy, keywork, group_session, … */
  kind: string
  service_element_id: string
  title: string | null
  occurs_at: string
  duration_minutes: number | null
  location: string | null
  follow_up: string | null
  recorded_by: string
  created_at: CreatedAt
}

export interface ContactAttendeeTable {
  id: string
  contact_id: string
  allocation_id: string
  person_id: string
  /** attended, did_not_attend, cancelled; null while planned. */
  outcome: string | null
  /** For a cancellation: person, service or other. */
  cancelled_by: string | null
  outcome_reason: string | null
}

export interface CaseNoteTable {
  id: string
  allocation_id: string
  person_id: string
  note_type: string
  health_only: boolean
  text: string
  amends_note_id: string | null
  amendment_reason: string | null
  author_user_id: string
  author_organisation_id: string
  created_at: CreatedAt
}

export interface CaseNoteAttachmentTable {
  id: string
  note_id: string
  title: string
  file_name: string
  media_type: string
  size_bytes: number
  sha256: string
  storage: 'disk' | 'database'
  storage_key: string
  uploaded_by: string
  uploaded_at: Instant
}

export interface RiskPlanTable {
  id: string
  allocation_id: string
  person_id: string
  version: number
  summary: string
  triggers: string | null
  warning_signs: string | null
  protective_factors: string | null
  contingencies: ColumnType<Array<{ action: string; contact: string }>, string, string>
  review_on: string
  created_by: string
  created_at: CreatedAt
}

export interface OutcomeMeasurementTable {
  id: string
  allocation_id: string
  person_id: string
  instrument_key: string
  instrument_version: string
  measured_on: string
  /** Item key → the score chosen, before any reverse scoring. */
  answers: ColumnType<Record<string, number>, string, string>
  total: number
  recorded_by: string
  created_at: CreatedAt
}

export interface CaseTaskTable {
  id: string
  /** handover or forum_concern (stored tasks); reviews and sessions due are worked out from their records. */
  kind: string
  allocation_id: string | null
  person_id: string | null
  assigned_user_id: string | null
  assigned_team_id: string | null
  title: string
  detail: string | null
  source_type: string | null
  source_id: string | null
  due_on: string | null
  status: 'open' | 'done'
  created_at: CreatedAt
  done_at: string | null
  done_by: string | null
}

// The involvement forum (migrations/0011-forum.ts). ---------------------------------------------

export type ForumMemberRole = 'member' | 'peer_mentor' | 'panel_member'
export type ForumMemberStatus = 'invited' | 'active' | 'suspended'

export interface ForumMemberTable {
  id: string
  username: string | null
  username_key: string | null
  role: ForumMemberRole
  person_id: string | null
  sponsor_user_id: string
  sponsor_contact: string
  status: ForumMemberStatus
  password_hash: string | null
  invitation_hash: string | null
  invitation_expires_at: string | null
  support_notice: ColumnType<boolean, boolean | undefined, boolean>
  suspended_until: string | null
  created_by: string
  created_at: CreatedAt
  joined_at: string | null
}

export interface ForumMemberSessionTable {
  id_hash: string
  member_id: string
  csrf_token: string
  created_at: Instant
  last_seen_at: string
  expires_at: string
}

export interface ForumCategoryTable {
  id: string
  name: string
  description: string
  position: number
  members_start_topics: ColumnType<boolean, boolean | undefined, boolean>
  created_at: CreatedAt
}

export interface ForumTopicTable {
  id: string
  category_id: string
  title: string | null
  kind: 'discussion' | 'you_said_we_did'
  author_member_id: string | null
  author_user_id: string | null
  created_at: Instant
  last_post_at: string | null
}

export type ForumPostStatus = 'pending' | 'published' | 'hidden' | 'deleted'

export interface ForumPostTable {
  id: string
  topic_id: string
  author_member_id: string | null
  author_user_id: string | null
  body: string
  status: ForumPostStatus
  hold_reasons: ColumnType<string[], string, string>
  created_at: Instant
  edited_at: string | null
  published_at: string | null
  moderated_by: string | null
  moderated_at: string | null
  moderation_reason: string | null
  concern_raised_at: string | null
  deleted_at: string | null
}

export interface ForumPostEditTable {
  id: string
  post_id: string
  previous_body: string
  edited_by_member_id: string | null
  edited_by_user_id: string | null
  reason: string | null
  edited_at: Instant
}

export interface ForumPostRetainedTable {
  id: string
  post_id: string
  member_id: string
  body: string
  deleted_at: string
  destroy_after: string
}

export interface ForumFlagTable {
  id: string
  post_id: string
  raised_by_member_id: string | null
  raised_by_user_id: string | null
  source: 'member' | 'moderator' | 'watch_word'
  reason: string
  detail: string | null
  status: 'open' | 'resolved'
  created_at: Instant
  resolved_by: string | null
  resolved_at: string | null
}

export interface ForumWatchWordTable {
  id: string
  kind: 'name' | 'word' | 'safety'
  phrase: string
  phrase_key: string
  created_by: string
  created_at: CreatedAt
}

export interface ForumTopicReadTable {
  member_id: string
  topic_id: string
  read_at: string
}

export interface ForumModerationActionTable {
  id: string
  action: string
  member_id: string | null
  post_id: string | null
  reason: string | null
  until: string | null
  acted_by: string
  acted_at: Instant
}

export interface ForumPollTable {
  id: string
  question: string
  description: string | null
  created_by: string
  created_at: Instant
  closed_at: string | null
}

export interface ForumPollOptionTable {
  id: string
  poll_id: string
  label: string
  position: number
}

export interface ForumPollVoteTable {
  poll_id: string
  member_id: string
  option_id: string
  voted_at: Instant
}
