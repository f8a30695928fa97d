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
  // Inviting service users to the forum and linking them to a person the inviter can see.
  'forum:invite',
  // Held only by a signed-in forum member (members.ts), never by a staff role (roles.ts refuses it).
  'forum:member',
  'organisation:administer',
  'system:administer',
] as const

export type Capability = (typeof capabilities)[number]

export function isCapability(value: string): value is Capability {
  return (capabilities as readonly string[]).includes(value)
}

/** The capability of a forum member's session: no staff role may hold it, and no staff session satisfies it. */
export const memberCapability: Capability = 'forum:member'
