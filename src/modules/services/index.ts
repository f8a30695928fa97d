export { filteredServicesPage, servicesPaths, servicesUploadRoutes } from './paths.ts'
export { servicesRoutes } from './routes.ts'
export {
  describeEligibilityRule,
  eligibilityRuleKinds,
  eligibilityRuleSchema,
  eligibleSexes,
  fileSizeInWords,
  riskLevels,
  serviceSettings,
  ruleParameters,
  storedEligibilityRule,
  type EligibilityRule,
  type EligibilityRuleKind,
  type ServiceSetting,
} from './rules.ts'
