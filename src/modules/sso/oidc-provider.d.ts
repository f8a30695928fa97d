// oidc-provider ships no types. This is the little of its API the SSO tests use
// (test-identity-provider.ts); it is a devDependency and never loaded by the app.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface Grant {
    addOIDCScope(scope: string): void
    save(): Promise<string>
  }

  export interface ProviderContext {
    oidc: {
      provider: Provider
      client?: { clientId: string }
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined }
    }
  }

  export interface ProviderAccount {
    accountId: string
    claims(): Record<string, unknown>
  }

  export interface ClientRegistration {
    client_id: string
    client_secret: string
    redirect_uris: string[]
    grant_types: string[]
    response_types: string[]
    token_endpoint_auth_method: string
  }

  export interface ProviderConfiguration {
    clients: ClientRegistration[]
    jwks: { keys: object[] }
    cookies: { keys: string[] }
    claims: Record<string, string[]>
    features: { devInteractions: { enabled: boolean } }
    interactions: { url(context: ProviderContext, interaction: { uid: string }): string }
    pkce: { required(): boolean }
    /** Lifetimes in seconds, by artefact. */
    ttl: Record<string, number>
    findAccount(context: ProviderContext, subject: string): Promise<ProviderAccount | undefined>
    loadExistingGrant(context: ProviderContext): Promise<Grant | undefined>
  }

  export default class Provider {
    constructor(issuer: string, configuration: ProviderConfiguration)
    Grant: { new (properties: { clientId: string; accountId: string }): Grant; find(id: string): Promise<Grant | undefined> }
    callback(): (request: IncomingMessage, response: ServerResponse) => void
    interactionFinished(request: IncomingMessage, response: ServerResponse, result: object, options?: { mergeWithLastSubmission?: boolean }): Promise<void>
  }
}
