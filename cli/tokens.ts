import { parseArgs } from 'node:util'
import type { Config } from '../src/platform/config.ts'
import { UsageError, withDatabase } from './database.ts'

export const tokenUsage = `  token create --user EMAIL --name NAME [--expires 90d]
                 issue an API token (printed once; only its hash is kept)
  token list --user EMAIL
                 list a user's tokens with their last use
  token revoke TOKEN_ID
                 revoke a token at once`

/** `pathways token …`: API tokens for the JSON API, acting as their user with the same roles and scope. */
export async function tokenCommand(config: Config, args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { user: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string', default: '90d' } } })
  const [action, tokenId] = positionals
  const tokens = await import('../src/platform/auth/api-tokens.ts')
  if (action === 'revoke') {
    if (!tokenId) throw new UsageError('token revoke: give the id of the token to revoke')
    const revoked = await withDatabase(config, ({ db }) => tokens.revokeApiToken(db, tokenId))
    if (!revoked) {
      console.error(`pathways: no live token with id ${tokenId}`)
      return 1
    }
    console.log(`Token ${tokenId} revoked.`)
    return 0
  }
  if (action !== 'create' && action !== 'list') throw new UsageError(`token: unknown action "${action ?? ''}"; use create, list or revoke`)
  if (!values.user) throw new UsageError(`token ${action}: --user EMAIL is required`)
  const email = values.user.trim().toLowerCase()
  return withDatabase(config, async ({ db }) => {
    const user = await db.selectFrom('staff_user').select(['id', 'status']).where('email', '=', email).executeTakeFirst()
    if (!user) {
      console.error(`pathways: no user with e-mail ${email}`)
      return 1
    }
    if (action === 'list') {
      for (const token of await tokens.listApiTokens(db, user.id)) {
        const state = token.revoked_at ? `revoked ${token.revoked_at}` : `expires ${token.expires_at}`
        console.log(`${token.id}  ${token.name}  ${state}  last used ${token.last_used_at ?? 'never'}`)
      }
      return 0
    }
    if (!values.name) throw new UsageError('token create: --name NAME is required')
    const lifetime = tokens.parseLifetime(values.expires)
    if (lifetime === null) throw new UsageError(`token create: --expires "${values.expires}" is not a lifetime; use e.g. 90d, 12h or 30m`)
    if (user.status !== 'active') {
      console.error(`pathways: ${email} is not an active user`)
      return 1
    }
    const issued = await tokens.issueApiToken(db, { userId: user.id, name: values.name, expiresAt: new Date(Date.now() + lifetime) })
    console.log(`Token ${issued.id} for ${email}, expires ${issued.expiresAt}. Copy it now; it cannot be shown again:\n${issued.token}`)
    return 0
  })
}
