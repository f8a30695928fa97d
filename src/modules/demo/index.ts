export { seedDemo, type SeedDemoCounts, type SeedDemoOptions } from './seed.ts'
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
