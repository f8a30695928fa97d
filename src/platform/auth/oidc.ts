import { parse as parseCookies, serialize as serializeCookie } from 'cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type nunjucks from 'nunjucks'
import * as oidc from 'openid-client'
import type { OidcConfig } from '../config.ts'

/** `failed`: this sign-in attempt cannot be completed; `unavailable`: the provider cannot be reached. */
export type SingleSignOnFailure = 'failed' | 'unavailable'

export class SingleSignOnError extends Error {
  override name = 'SingleSignOnError'
  constructor(
    readonly failure: SingleSignOnFailure,
    message: string,
  ) {
    super(message)
  }
}

/** Who the identity provider says signed in. The e-mail address is lower-case; trust it only when `emailVerified`. */
export interface VerifiedIdentity {
  subject: string
  email: string | undefined
  emailVerified: boolean
  displayName: string | undefined
}

export interface SingleSignOn {
  /** Text of the sign-in page's button. */
  label: string
  autoCreateOrganisationId: string | undefined
  /** Starts a sign-in: remembers its one-time secrets in this browser and returns the provider's authorisation address. */
  begin(request: FastifyRequest, reply: FastifyReply, options: { callbackPath: string; returnTo: string | undefined }): Promise<URL>
  /** Completes the sign-in this request (the provider's redirect back) answers; throws SingleSignOnError. */
  finish(request: FastifyRequest, reply: FastifyReply): Promise<{ identity: VerifiedIdentity; returnTo: string | undefined }>
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Sign-in through the organisation's OpenID provider, or null when OIDC_ISSUER is unset. */
    singleSignOn: SingleSignOn | null
  }
}

export interface SingleSignOnOptions {
  settings: OidcConfig | undefined
  /** Public origin; without it, addresses sent to the provider are built from the request. */
  baseUrl: string | undefined
  https: boolean
}

/** Decorates the app with `singleSignOn` and gives templates `singleSignOnLabel` (undefined when off). */
export function registerSingleSignOn(app: FastifyInstance, views: nunjucks.Environment, options: SingleSignOnOptions): void {
  const singleSignOn = options.settings ? createSingleSignOn(options.settings, options, app.content.t('sso.button')) : null
  app.decorate('singleSignOn', singleSignOn)
  views.addGlobal('singleSignOnLabel', singleSignOn?.label)
}

/**
 * The state, PKCE verifier and nonce of a sign-in in progress, and where to go afterwards.
 *
 * They live in their own cookie rather than on the session row: the session table has no
 * place for them, and they are needed once, for at most ten minutes, by this browser only.
 * All three are random single-use secrets, so signing the cookie would add nothing — none is
 * trusted beyond being equal to what comes back: the state must match the provider's redirect,
 * the verifier proves to the provider that whoever started the sign-in redeems the code, and
 * the nonce ties the ID token to this attempt. HttpOnly keeps them from page scripts;
 * SameSite=Lax still sends them on the provider's top-level redirect back; on https the
 * __Host- prefix stops a sibling sub-domain planting its own attempt (a login-CSRF).
 */
interface PendingSignIn {
  state: string
  codeVerifier: string
  nonce: string
  returnTo: string | undefined
}

const pendingLifetimeSeconds = 600

function encodePending(pending: PendingSignIn): string {
  return [pending.state, pending.codeVerifier, pending.nonce, Buffer.from(pending.returnTo ?? '').toString('base64url')].join('.')
}

function decodePending(value: string | undefined): PendingSignIn | null {
  const [state, codeVerifier, nonce, returnTo, ...extra] = value?.split('.') ?? []
  if (!state || !codeVerifier || !nonce || returnTo === undefined || extra.length > 0) return null
  return { state, codeVerifier, nonce, returnTo: Buffer.from(returnTo, 'base64url').toString('utf8') || undefined }
}

function createSingleSignOn(settings: OidcConfig, options: SingleSignOnOptions, defaultLabel: string): SingleSignOn {
  const cookieName = options.https ? '__Host-pathways-oidc' : 'pathways-oidc'
  const pendingCookie = (value: string, maxAge: number) =>
    serializeCookie(cookieName, value, { httpOnly: true, secure: options.https, sameSite: 'lax', path: '/', maxAge })
  const originOf = (request: FastifyRequest) => options.baseUrl ?? `${request.protocol}://${request.host}`

  // Discovered once per app; a failed discovery is forgotten so the next sign-in tries again.
  let discovered: Promise<oidc.Configuration> | undefined
  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
        // config.ts allows plain http only for a provider on this machine.
        execute: settings.issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((error: unknown) => {
        discovered = undefined
        throw new SingleSignOnError('unavailable', `discovery at ${settings.issuer} failed: ${String(error)}`)
      })
    return discovered
  }

  return {
    label: settings.label ?? defaultLabel,
    autoCreateOrganisationId: settings.autoCreateOrganisationId,

    async begin(request, reply, { callbackPath, returnTo }) {
      const server = await configuration()
      const pending: PendingSignIn = { state: oidc.randomState(), codeVerifier: oidc.randomPKCECodeVerifier(), nonce: oidc.randomNonce(), returnTo }
      const authorisation = oidc.buildAuthorizationUrl(server, {
        redirect_uri: new URL(callbackPath, originOf(request)).href,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      })
      reply.header('set-cookie', pendingCookie(encodePending(pending), pendingLifetimeSeconds))
      return authorisation
    },

    async finish(request, reply) {
      const pending = decodePending(request.headers.cookie ? parseCookies(request.headers.cookie)[cookieName] : undefined)
      // Single use: whatever happens next, this attempt cannot be answered twice.
      reply.header('set-cookie', pendingCookie('', 0))
      if (!pending) throw new SingleSignOnError('failed', 'no sign-in in progress in this browser (cookie missing, expired or malformed)')
      const server = await configuration()
      try {
        // Checks state, issuer and nonce, redeems the code with the PKCE verifier and validates the ID token.
        const tokens = await oidc.authorizationCodeGrant(server, new URL(request.url, originOf(request)), {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
        })
        const claims = tokens.claims()
        if (!claims) throw new Error('no ID token in the token response')
        return { identity: await identityOf(server, claims, tokens.access_token), returnTo: pending.returnTo }
      } catch (error) {
        throw new SingleSignOnError('failed', `the provider's answer was refused: ${describeFailure(error)}`)
      }
    },
  }
}

/** For the log: the provider's own error code, or what openid-client found wrong. */
function describeFailure(error: unknown): string {
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) {
    return `${error.error}${error.error_description ? ` (${error.error_description})` : ''}`
  }
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : ''
  return `${String(error)}${cause}`
}

/**
 * Many providers put e-mail claims only in the userinfo response unless asked otherwise;
 * openid-client checks that its subject is the ID token's.
 */
async function identityOf(server: oidc.Configuration, claims: oidc.IDToken, accessToken: string): Promise<VerifiedIdentity> {
  const emailClaims: Record<string, unknown> =
    claims.email === undefined && server.serverMetadata().userinfo_endpoint ? await oidc.fetchUserInfo(server, accessToken, claims.sub) : claims
  const email = typeof emailClaims.email === 'string' ? emailClaims.email.trim().toLowerCase() : undefined
  const name = emailClaims.name ?? claims.name
  return {
    subject: claims.sub,
    email,
    // Only the boolean true counts: absent, false or malformed all mean nobody vouched for the address.
    emailVerified: email !== undefined && emailClaims.email_verified === true,
    displayName: typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined,
  }
}
