import type { Tx } from '../../platform/db/database.ts'
import { latestScreeningOutcome } from '../screening/index.ts'
import { evaluateEligibility, type RuleVerdict } from './eligibility.ts'
import { eligibilityInputs } from './repository.ts'

export interface EligibilityAssessment {
  verdicts: RuleVerdict[]
  /** Names of the organisations the service's region rules name. */
  organisationNames: ReadonlyMap<string, string>
}

/**
 * The service's eligibility rules weighed for this referral on `today`: what the panel shows
 * and what accepting checks. The caller has already found the referral in its scope.
 */
export async function assessEligibility(
  tx: Tx,
  referral: { service_id: string; person_id: string; sentence_end_on: string | null; risk_of_serious_harm: string | null },
  today: string,
): Promise<EligibilityAssessment> {
  const [inputs, screening] = await Promise.all([eligibilityInputs(tx, referral), latestScreeningOutcome(tx, referral.person_id)])
  const verdicts = evaluateEligibility(inputs.rules, {
    today,
    dateOfBirth: inputs.person.date_of_birth,
    sex: inputs.person.sex,
    locationArea: inputs.person.location_area,
    managingOrganisations: inputs.managingOrganisations,
    sentenceEndOn: referral.sentence_end_on,
    riskOfSeriousHarm: referral.risk_of_serious_harm,
    screening,
  })
  return { verdicts, organisationNames: inputs.organisationNames }
}
