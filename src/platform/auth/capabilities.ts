/**
 * What a route may require. Roles map to these as data (content/roles.yml); a route
 * names exactly one, or `public`.
 */
export const capabilities = [
  'account:manage',
  'person:read',
  'person:write',
  'person:merge',
  'person:import',
  'referral:read',
  'referral:create',
  'referral:decide',
  'allocation:manage',
  'allocation:override',
  'screening:record',
  'screening:configure',
  'casework:read',
  'casework:write',
  'clinical:read',
  'breakglass:use',
  'breakglass:review',
  'audit:review',
  'sharing:administer',
  'restricted:grant',
  'report:aggregate',
  'service:manage',
  'forum:moderate',
  'organisation:administer',
  'system:administer',
] as const

export type Capability = (typeof capabilities)[number]

export function isCapability(value: string): value is Capability {
  return (capabilities as readonly string[]).includes(value)
}
