import type { Content } from '../content/content.ts'
import { isCapability, memberCapability, type Capability } from './capabilities.ts'

export interface RoleDefinition {
  key: string
  name: string
  description: string
  /** May read health-only data, when the user's organisation is a health organisation. */
  clinical: boolean
  mfaRequired: boolean
  capabilities: readonly Capability[]
}

export class RoleDefinitionError extends Error {
  override name = 'RoleDefinitionError'
}

/** The built-in roles from content/roles.yml, checked once at start: an unknown capability stops the app. */
export function loadRoles(content: Content): ReadonlyMap<string, RoleDefinition> {
  const section = content.section('roles') as Record<string, Record<string, unknown>> | undefined
  if (!section) throw new RoleDefinitionError('content/roles.yml defines no roles')
  const roles = new Map<string, RoleDefinition>()
  for (const [key, role] of Object.entries(section)) {
    const listed = Array.isArray(role.capabilities) ? (role.capabilities as unknown[]) : []
    const unknown = listed.filter((capability) => typeof capability !== 'string' || !isCapability(capability))
    if (unknown.length > 0 || listed.length === 0) {
      throw new RoleDefinitionError(`role "${key}" in content/roles.yml: ${listed.length === 0 ? 'no capabilities' : `unknown capabilities ${unknown.join(', ')}`}`)
    }
    // Forum members are a principal of their own: a staff role holding their capability would let staff act as a member.
    if (listed.includes(memberCapability)) throw new RoleDefinitionError(`role "${key}" in content/roles.yml: ${memberCapability} belongs to forum members only`)
    roles.set(key, {
      key,
      name: String(role.name),
      description: String(role.description),
      clinical: role.clinical === true,
      mfaRequired: role.mfaRequired === true,
      capabilities: listed as Capability[],
    })
  }
  return roles
}
