import type { Principal } from '../../platform/auth/principal.ts'
import type { Scope } from '../../platform/auth/scope.ts'
import type { Tx } from '../../platform/db/database.ts'
import type { TypedFields } from '../people/index.ts'
import { readReferralFields, readServiceChoice, serviceChoiceValue, type FieldProblem, type ReferralAnswers, type ReferralMode, type ServiceChoice } from './forms.ts'
import { publicServicesForReferral, teamsOfCaller, type ReferableService, type ReferralColumns, type ReferralDetail } from './repository.ts'
import { defaultReferrerRole, mayReferTo, priorityOf } from './rules.ts'

// The referral form's answers read against what the caller may choose, and turned into the
// stored columns and back: shared by the pages and the API.

/** The public services this caller may refer to, by the services' own lists of referrers. */
export async function servicesFor(tx: Tx, principal: Principal): Promise<ReferableService[]> {
  return (await publicServicesForReferral(tx)).filter((service) => mayReferTo(service.referrers, principal))
}

export interface FormChoices {
  services: ReferableService[]
  teams: Array<{ id: string; name: string }>
}

export async function formChoices(tx: Tx, principal: Principal, scope: Scope): Promise<FormChoices> {
  const [services, teams] = await Promise.all([servicesFor(tx, principal), teamsOfCaller(tx, scope)])
  return { services, teams }
}

/** The service (and element) chosen, if this caller may refer to it and the element is the service's. */
function checkedChoice(fields: TypedFields, services: readonly ReferableService[]): { choice?: ServiceChoice; problems: FieldProblem[] } {
  const reading = readServiceChoice(fields)
  if (!reading.ok) return { problems: reading.errors }
  const service = services.find((candidate) => candidate.id === reading.value.serviceId)
  const elementFits = reading.value.elementId === null || (service?.elements.some((element) => element.id === reading.value.elementId) ?? false)
  return service && elementFits ? { choice: reading.value, problems: [] } : { problems: [{ field: 'service', key: 'referrals.form.errors.serviceUnknown' }] }
}

/** The team a new referral is made from: the one chosen, the caller's only team, or none for someone in no team. */
function checkedTeam(fields: TypedFields, teams: readonly { id: string }[]): { teamId: string | null; problems: FieldProblem[] } {
  const chosen = (fields.team_id ?? '').trim()
  if (chosen !== '') return teams.some((team) => team.id === chosen) ? { teamId: chosen, problems: [] } : { teamId: null, problems: [{ field: 'team_id', key: 'referrals.form.errors.teamMissing' }] }
  if (teams.length <= 1) return { teamId: teams[0]?.id ?? null, problems: [] }
  return { teamId: null, problems: [{ field: 'team_id', key: 'referrals.form.errors.teamMissing' }] }
}

export type FormReading = { ok: true; choice: ServiceChoice; answers: ReferralAnswers; teamId: string | null } | { ok: false; problems: FieldProblem[] }

/**
 * The whole form read against the caller's choices. `fixedService` is the service of a
 * referral already with the service (asked for more information): it no longer changes.
 */
export function readForm(fields: TypedFields, context: { mode: ReferralMode; today: string; principal: Principal; choices: FormChoices; fixedService?: ServiceChoice }): FormReading {
  const service = context.fixedService ? { choice: context.fixedService, problems: [] } : checkedChoice(fields, context.choices.services)
  const team = checkedTeam(fields, context.choices.teams)
  const answers = readReferralFields(fields, { mode: context.mode, today: context.today, referrerRole: defaultReferrerRole(context.principal.roles) })
  const problems = [...service.problems, ...team.problems, ...(answers.ok ? [] : answers.errors)]
  if (problems.length > 0 || !service.choice || !answers.ok) return { ok: false, problems }
  return { ok: true, choice: service.choice, answers: answers.value, teamId: team.teamId }
}

export function columnsOf(choice: ServiceChoice, answers: ReferralAnswers): ReferralColumns {
  return {
    service_id: choice.serviceId,
    service_element_id: choice.elementId,
    referrer_role: answers.referrerRole,
    reasons: answers.reasons,
    risk_summary: answers.riskSummary,
    needs_summary: answers.needsSummary,
    risk_of_serious_harm: answers.riskOfSeriousHarm,
    sentence_end_on: answers.sentenceEndOn,
    legal_basis: answers.legalBasis,
    consent_given_on: answers.consentGivenOn,
    urgency: answers.urgency,
    priority: priorityOf(answers.urgency),
  }
}

/** The stored answers, as the reading of the form gives them. */
export function answersOf(referral: ReferralColumns): ReferralAnswers {
  return {
    referrerRole: referral.referrer_role,
    reasons: referral.reasons,
    riskSummary: referral.risk_summary,
    needsSummary: referral.needs_summary,
    riskOfSeriousHarm: referral.risk_of_serious_harm,
    sentenceEndOn: referral.sentence_end_on,
    legalBasis: referral.legal_basis,
    consentGivenOn: referral.consent_given_on,
    urgency: referral.urgency === 'urgent' ? 'urgent' : 'routine',
  }
}

function dateBoxes(name: string, date: string | null): TypedFields {
  const [year = '', month = '', day = ''] = date?.split('-') ?? []
  return { [`${name}-day`]: day.replace(/^0/, ''), [`${name}-month`]: month.replace(/^0/, ''), [`${name}-year`]: year }
}

/** The form's fields filled in from a stored referral. */
export function fieldsOf(referral: ReferralDetail): TypedFields {
  return {
    service: serviceChoiceValue({ serviceId: referral.service_id, elementId: referral.service_element_id }),
    referrer_role: referral.referrer_role,
    urgency: referral.urgency,
    reasons: referral.reasons ?? '',
    risk_summary: referral.risk_summary ?? '',
    needs_summary: referral.needs_summary ?? '',
    risk_of_serious_harm: referral.risk_of_serious_harm ?? '',
    legal_basis: referral.legal_basis ?? '',
    ...dateBoxes('sentence_end_on', referral.sentence_end_on),
    ...dateBoxes('consent_given_on', referral.consent_given_on),
    version: String(referral.version),
  }
}

/** The fields a new referral's form starts with. */
export function startingFields(principal: Principal): TypedFields {
  return { referrer_role: defaultReferrerRole(principal.roles), urgency: 'routine' }
}
