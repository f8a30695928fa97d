import { generateKeyPairSync } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type ProviderContext } from 'oidc-provider'

/** A person at the organisation's identity provider, as its ID token and userinfo describe them. */
export interface ProviderAccount {
  subject: string
  email: string
  emailVerified: boolean
  name?: string
}

/** A real OpenID provider (oidc-provider) on 127.0.0.1, with one confidential client: Pathways. */
export interface TestIdentityProvider {
  issuer: string
  clientId: string
  clientSecret: string
  /** Who the next sign-in at the provider is: the tests decide who "typed their password". */
  signInAs(account: ProviderAccount): void
  close(): Promise<void>
}

export async function startIdentityProvider(options: { redirectUri: string }): Promise<TestIdentityProvider> {
  const accounts = new Map<string, ProviderAccount>()
  let current: ProviderAccount | undefined
  let provider: Provider | undefined
  const server = http.createServer((request, response) => {
    if (!provider) throw new Error('identity provider not started')
    if (!request.url?.startsWith('/interaction/')) return provider.callback()(request, response)
    // The whole login "form": finish the interaction as the chosen account.
    if (!current) throw new Error('signInAs() was not called before the sign-in')
    provider.interactionFinished(request, response, { login: { accountId: current.subject } }, { mergeWithLastSubmission: false }).catch((error: unknown) => {
      response.statusCode = 500
      response.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const client = { clientId: 'pathways-test', clientSecret: 'a-test-client-secret-of-enough-length' }

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test-provider-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_context, interaction) => `/interaction/${interaction.uid}` },
    // Refuse any authorisation request without PKCE, so a round trip proves Pathways uses it.
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    async findAccount(_context, subject) {
      const account = accounts.get(subject)
      if (!account) return undefined
      const claims = { sub: account.subject, email: account.email, email_verified: account.emailVerified, name: account.name }
      return { accountId: subject, claims: () => claims }
    },
    // Pathways is the organisation's own (first-party) client: no consent screen.
    async loadExistingGrant(context: ProviderContext) {
      const { client: registered, session, provider: self } = context.oidc
      if (!registered || !session?.accountId) return undefined
      const existing = session.grantIdFor(registered.clientId)
      if (existing) return self.Grant.find(existing)
      const grant = new self.Grant({ clientId: registered.clientId, accountId: session.accountId })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
  })

  return {
    issuer,
    ...client,
    signInAs(account) {
      accounts.set(account.subject, account)
      current = account
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // fetch keeps connections alive; without this, close would wait for them to time out.
        server.closeAllConnections()
      }),
  }
}

/**
 * A browser at the provider: follows its redirects by hand, keeping its cookies (by name; paths
 * do not matter for one test), until it is sent to `returnOrigin`. Returns that address.
 */
export async function browseProvider(authorisation: URL, returnOrigin: string): Promise<URL> {
  const cookies = new Map<string, string>()
  let address = authorisation
  for (let hops = 0; hops < 10; hops += 1) {
    const response = await fetch(address, { redirect: 'manual', headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') } })
    for (const header of response.headers.getSetCookie()) {
      const [name = '', value = ''] = (header.split(';')[0] ?? '').split(/=(.*)/s)
      if (value === '') cookies.delete(name)
      else cookies.set(name, value)
    }
    const location = response.headers.get('location')
    if (!location) throw new Error(`the provider answered ${response.status} without a redirect: ${await response.text()}`)
    address = new URL(location, address)
    if (address.origin === returnOrigin) return address
  }
  throw new Error('the provider redirected more than 10 times')
}
