import path from 'node:path'
import { isId } from './db/ids.ts'

/** Raised for a bad setting; the CLI prints its message as one line and exits non-zero. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`)
    this.name = 'ConfigError'
  }
}

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string; displayName: string }

/** Single sign-on through the organisation's OpenID provider (authorisation code + PKCE). */
export interface OidcConfig {
  issuer: string
  clientId: string
  clientSecret: string
  /** An unknown but verified user becomes an active user of this organisation with no roles; unset: refused. */
  autoCreateOrganisationId: string | undefined
  /** The sign-in button's text; unset: the text in content/sso.yml. */
  label: string | undefined
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

export interface Config {
  env: 'development' | 'production' | 'test'
  host: string
  port: number
  /** Public origin when known; `https:` turns on HSTS and Secure cookies. */
  baseUrl: string | undefined
  trustProxy: boolean
  database: DatabaseConfig
  logLevel: LogLevel
  metricsEnabled: boolean
  seedDemo: boolean
  /** Password of the demo accounts (demo mode only). */
  demoPassword: string
  sessionIdleMinutes: number
  sessionAbsoluteHours: number
  /** How long break-glass access to one person lasts. */
  breakGlassMinutes: number
  assetsDir: string
  /** Where uploaded files go; unset: `disk` with SQLite, `database` with PostgreSQL (platform/files/settings.ts). */
  fileStorage: 'disk' | 'database' | undefined
  /** The folder for disk storage; unset: `files` beside the SQLite database (.data/files by default). */
  filesDir: string | undefined
  /** The largest file a user may upload, in megabytes. */
  maxUploadMb: number
  /** Single sign-on; undefined when OIDC_ISSUER is unset. */
  oidc: OidcConfig | undefined
}

type Env = Record<string, string | undefined>

const logLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

function readPort(env: Env): number {
  const raw = env.PORT ?? '3000'
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new ConfigError('PORT', `"${raw}" is not a port; use a whole number from 0 to 65535`)
  }
  return Number(raw)
}

function readWholeNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `"${raw}" is not allowed; use a whole number from ${min} to ${max}`)
  }
  return Number(raw)
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (['true', '1', 'yes', 'on'].includes(raw.toLowerCase())) return true
  if (['false', '0', 'no', 'off'].includes(raw.toLowerCase())) return false
  throw new ConfigError(name, `"${raw}" is not allowed; use true or false`)
}

export function parseDatabaseUrl(raw: string, cwd: string): DatabaseConfig {
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\//, '')
    if (file === '') throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:.data/pathways.sqlite')
    return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file) }
  }
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) {
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL, e.g. postgres://127.0.0.1:5432/pathways')
    }
    if (url.pathname.length <= 1) {
      throw new ConfigError('DATABASE_URL', 'needs a database name, e.g. postgres://127.0.0.1:5432/pathways')
    }
    // The display name never carries the password, so it is safe to log.
    return { dialect: 'postgres', url: raw, displayName: `postgres://${url.host}${url.pathname}` }
  }
  const scheme = raw.includes(':') ? raw.slice(0, raw.indexOf(':') + 1) : raw
  throw new ConfigError('DATABASE_URL', `"${scheme}" is not supported; use sqlite:PATH or postgres://HOST:PORT/DATABASE`)
}

export const defaultDemoPassword = 'demo-pathways-2026'

function readDemoPassword(env: Env): string {
  const password = env.PATHWAYS_DEMO_PASSWORD ?? defaultDemoPassword
  if (password.length < 12) throw new ConfigError('PATHWAYS_DEMO_PASSWORD', 'must be at least 12 characters')
  return password
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

function readIssuer(raw: string): string {
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    url = undefined
  }
  // Plain http only to this machine (a provider run for development or tests): elsewhere the
  // code, tokens and client secret would cross the network readable by anyone on the path.
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && loopbackHosts.has(url.hostname))
  if (!url || !secure || url.search !== '' || url.hash !== '') {
    throw new ConfigError('OIDC_ISSUER', `"${raw}" is not allowed; use the https:// issuer address of your identity provider, e.g. https://login.example.org/tenant`)
  }
  return raw
}

const oidcSettings = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_AUTO_CREATE_ORGANISATION', 'OIDC_LABEL'] as const

function readOidc(env: Env): OidcConfig | undefined {
  const value = (name: string) => (env[name] === '' ? undefined : env[name])
  const issuer = value('OIDC_ISSUER')
  if (issuer === undefined) {
    // Half-configured sign-on would silently fall back to passwords; say so instead.
    const stray = oidcSettings.find((name) => value(name) !== undefined)
    if (stray) throw new ConfigError('OIDC_ISSUER', `is needed when ${stray} is set; set both, or neither to turn single sign-on off`)
    return undefined
  }
  const required = (name: string) => {
    const setting = value(name)
    if (setting === undefined) throw new ConfigError(name, 'is needed when OIDC_ISSUER is set; use the value your identity provider gave when Pathways was registered')
    return setting
  }
  const autoCreateOrganisationId = value('OIDC_AUTO_CREATE_ORGANISATION')
  if (autoCreateOrganisationId !== undefined && !isId(autoCreateOrganisationId)) {
    throw new ConfigError('OIDC_AUTO_CREATE_ORGANISATION', `"${autoCreateOrganisationId}" is not an organisation id; use the id (a UUID) of an organisation in Pathways`)
  }
  const label = value('OIDC_LABEL')?.trim()
  if (label !== undefined && (label === '' || label.length > 80)) {
    throw new ConfigError('OIDC_LABEL', 'is not allowed; use button text of 1 to 80 characters')
  }
  return {
    issuer: readIssuer(issuer),
    clientId: required('OIDC_CLIENT_ID'),
    clientSecret: required('OIDC_CLIENT_SECRET'),
    autoCreateOrganisationId,
    label,
  }
}

function readFileStorage(env: Env): Config['fileStorage'] {
  const raw = env.FILE_STORAGE
  if (raw === undefined || raw === '') return undefined
  if (raw !== 'disk' && raw !== 'database') throw new ConfigError('FILE_STORAGE', `"${raw}" is not allowed; use disk or database`)
  return raw
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const rawEnv = env.NODE_ENV ?? 'production'
  if (!['development', 'production', 'test'].includes(rawEnv)) {
    throw new ConfigError('NODE_ENV', `"${rawEnv}" is not allowed; use development, production or test`)
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel
  if (!logLevels.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `"${logLevel}" is not allowed; use one of ${logLevels.join(', ')}`)
  }
  let baseUrl: string | undefined
  if (env.BASE_URL) {
    if (!/^https?:\/\/[^/\s]+\/?$/.test(env.BASE_URL)) {
      throw new ConfigError('BASE_URL', `"${env.BASE_URL}" is not allowed; use an origin such as https://pathways.example.org`)
    }
    baseUrl = env.BASE_URL.replace(/\/$/, '')
  }
  return {
    env: rawEnv as Config['env'],
    host: env.HOST ?? '127.0.0.1',
    port: readPort(env),
    baseUrl,
    trustProxy: readBoolean(env, 'TRUST_PROXY', false),
    database: parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:.data/pathways.sqlite', cwd),
    logLevel,
    metricsEnabled: readBoolean(env, 'METRICS_ENABLED', true),
    seedDemo: readBoolean(env, 'SEED_DEMO', true),
    demoPassword: readDemoPassword(env),
    sessionIdleMinutes: readWholeNumber(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: readWholeNumber(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 7 * 24),
    breakGlassMinutes: readWholeNumber(env, 'BREAK_GLASS_MINUTES', 60, 5, 24 * 60),
    assetsDir: path.resolve(cwd, env.ASSETS_DIR ?? '.build/assets'),
    fileStorage: readFileStorage(env),
    filesDir: env.FILES_DIR ? path.resolve(cwd, env.FILES_DIR) : undefined,
    maxUploadMb: readWholeNumber(env, 'MAX_UPLOAD_MB', 10, 1, 100),
    oidc: readOidc(env),
  }
}
