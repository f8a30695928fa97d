import type { StaffUserStatus } from '../../platform/db/schema.ts'
import type { VerifiedIdentity } from '../../platform/auth/oidc.ts'

/** A Pathways user an identity might belong to. */
export interface AccountCandidate {
  id: string
  status: StaffUserStatus
  oidcSubject: string | null
}

/** What the user is told; `noAccount` never says whether their e-mail address is known. */
export type Refusal = 'failed' | 'unavailable' | 'noAccount' | 'notActive'

export type IdentityMatch =
  | { kind: 'signIn'; userId: string; linkSubject: boolean }
  | { kind: 'create'; organisationId: string; email: string }
  | { kind: 'refuse'; refusal: Extract<Refusal, 'noAccount' | 'notActive'>; reason: string }

/**
 * How a verified identity becomes a Pathways user: by subject first (the provider's stable id),
 * else by an e-mail address the provider has verified — never an unverified one, which anybody
 * could type into their provider profile — and otherwise only as a new user when the
 * installation asks for that.
 */
export function matchIdentity(
  identity: VerifiedIdentity,
  candidates: { bySubject: AccountCandidate | undefined; byEmail: AccountCandidate | undefined },
  autoCreateOrganisationId: string | undefined,
): IdentityMatch {
  const byVerifiedEmail = identity.emailVerified ? candidates.byEmail : undefined
  if (!candidates.bySubject && byVerifiedEmail?.oidcSubject) {
    // The address's owner already signs in as someone else at the provider: a recycled or
    // re-created provider account must not inherit their Pathways account.
    return { kind: 'refuse', refusal: 'noAccount', reason: 'e-mail address belongs to a user linked to another subject' }
  }
  const user = candidates.bySubject ?? byVerifiedEmail
  if (!user) {
    if (autoCreateOrganisationId && identity.emailVerified && identity.email) return { kind: 'create', organisationId: autoCreateOrganisationId, email: identity.email }
    return { kind: 'refuse', refusal: 'noAccount', reason: identity.emailVerified ? 'no user with this subject or e-mail address' : 'no user with this subject, and the e-mail address is not verified' }
  }
  if (user.status !== 'active') return { kind: 'refuse', refusal: 'notActive', reason: `user is ${user.status}` }
  return { kind: 'signIn', userId: user.id, linkSubject: !candidates.bySubject }
}
