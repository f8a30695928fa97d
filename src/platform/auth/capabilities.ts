/**
 * What a route may require. Roles map to these as data (the Identity work adds the
 * role table); a route names exactly one, or `public`.
 */
export const capabilities = [
  'person:read',
  'person:write',
  'referral:read',
  'referral:decide',
  'organisation:administer',
  'audit:review',
  'report:aggregate',
] as const

export type Capability = (typeof capabilities)[number]

export interface Principal {
  userId: string
  organisationId: string
  displayName: string
  capabilities: ReadonlySet<Capability>
}

export function isCapability(value: string): value is Capability {
  return (capabilities as readonly string[]).includes(value)
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff user, or null for an anonymous request. */
    principal: Principal | null
  }
}
