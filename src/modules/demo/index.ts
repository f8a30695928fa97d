export { insertMadePeople, seedDemo, type SeedDemoCounts, type SeedDemoOptions } from './seed.ts'
export { demoDataset, type DemoDataset, type DemoOrganisation, type DemoService, type DemoServiceElement, type DemoTeam } from './dataset.ts'
export {
  adultAges,
  familyNames,
  givenNames,
  nameListSizes,
  personFactory,
  youngAdultAges,
  type AgeRange,
  type MadePerson,
  type PersonOptions,
} from './factories.ts'
export { createRandom, type Random } from './random.ts'
export { demoAccounts, type DemoAccount } from './accounts.ts'
export { demoMembers, type DemoMember } from './forum.ts'
// The demo's own building blocks, for the benchmark generator (bench/generate), which writes the same shapes at scale.
export { addReferral, demoStaff, type DemoPlace, type Rows as DemoReferralRows, type Staff as DemoStaff, type Story as DemoReferralStory } from './referrals.ts'
export { insertDemoCasework } from './casework.ts'
export { demoReferralPlans, type Batch as DemoBatch, type ServicePlan as DemoServicePlan } from './referral-dataset.ts'
export { pickWeighted, type Weighted } from './person-details.ts'
