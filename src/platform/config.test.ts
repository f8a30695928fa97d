import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from './config.ts'

const cwd = '/srv/pathways'

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, cwd)
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`)
    return error
  }
  assert.fail('expected loadConfig to refuse the setting')
}

describe('loadConfig', () => {
  it('defaults to SQLite under .data, port 3000 and the demo dataset', () => {
    const config = loadConfig({}, cwd)
    assert.deepEqual(config.database, { dialect: 'sqlite', file: '/srv/pathways/.data/pathways.sqlite' })
    assert.equal(config.port, 3000)
    assert.equal(config.seedDemo, true)
    assert.equal(config.metricsEnabled, true)
    assert.equal(config.env, 'production')
  })

  it('reads sqlite: and postgres:// URLs, keeping the password out of the display name', () => {
    assert.deepEqual(loadConfig({ DATABASE_URL: 'sqlite:/var/lib/p.sqlite' }, cwd).database, { dialect: 'sqlite', file: '/var/lib/p.sqlite' })
    const database = loadConfig({ DATABASE_URL: 'postgres://app:s3cret@db.internal:5433/pathways' }, cwd).database
    assert.equal(database.dialect, 'postgres')
    assert.equal(database.dialect === 'postgres' && database.displayName, 'postgres://db.internal:5433/pathways')
    assert.ok(!JSON.stringify(database.dialect === 'postgres' && database.displayName).includes('s3cret'))
  })

  const refusals: Array<[Record<string, string>, string, RegExp]> = [
    [{ PORT: 'abc' }, 'PORT', /"abc" is not a port; use a whole number from 0 to 65535/],
    [{ PORT: '70000' }, 'PORT', /use a whole number from 0 to 65535/],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL', /"mysql:" is not supported; use sqlite:PATH or postgres:/],
    [{ DATABASE_URL: 'postgres://localhost' }, 'DATABASE_URL', /needs a database name/],
    [{ DATABASE_URL: 'sqlite:' }, 'DATABASE_URL', /needs a file path/],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO', /use true or false/],
    [{ METRICS_ENABLED: '2' }, 'METRICS_ENABLED', /use true or false/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /use one of fatal, error/],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV', /use development, production or test/],
    [{ BASE_URL: 'pathways.example' }, 'BASE_URL', /use an origin/],
  ]
  for (const [env, setting, message] of refusals) {
    it(`refuses ${JSON.stringify(env)} naming ${setting} and what is allowed`, () => {
      const error = configError(env)
      assert.equal(error.setting, setting)
      assert.match(error.message, new RegExp(`^${setting}: `))
      assert.match(error.message, message)
      assert.ok(!error.message.includes('\n'), 'one line')
    })
  }
})

describe('session and demo settings', () => {
  it('defaults to a 30-minute idle and 12-hour absolute session', () => {
    const config = loadConfig({}, cwd)
    assert.equal(config.sessionIdleMinutes, 30)
    assert.equal(config.sessionAbsoluteHours, 12)
  })

  it('refuses a session timeout that is not a whole number in range', () => {
    assert.match(configError({ SESSION_IDLE_MINUTES: '0' }).message, /^SESSION_IDLE_MINUTES: "0" is not allowed; use a whole number from 1 to 1440$/)
    assert.match(configError({ SESSION_ABSOLUTE_HOURS: 'long' }).message, /^SESSION_ABSOLUTE_HOURS: /)
  })

  it('refuses a demo password shorter than the password rules allow', () => {
    assert.match(configError({ PATHWAYS_DEMO_PASSWORD: 'short' }).message, /^PATHWAYS_DEMO_PASSWORD: must be at least 12 characters$/)
  })
})

describe('single sign-on settings', () => {
  const sso = { OIDC_ISSUER: 'https://login.example.org/tenant', OIDC_CLIENT_ID: 'pathways', OIDC_CLIENT_SECRET: 'client-secret' }

  it('leaves single sign-on off when OIDC_ISSUER is unset', () => {
    assert.equal(loadConfig({}, cwd).oidc, undefined)
    assert.equal(loadConfig({ OIDC_ISSUER: '' }, cwd).oidc, undefined)
  })

  it('reads the provider and client; auto-creation and a custom label stay off unless set', () => {
    assert.deepEqual(loadConfig(sso, cwd).oidc, {
      issuer: 'https://login.example.org/tenant',
      clientId: 'pathways',
      clientSecret: 'client-secret',
      autoCreateOrganisationId: undefined,
      label: undefined,
    })
    const organisationId = '01900000-0000-7000-8000-000000000001'
    const configured = loadConfig({ ...sso, OIDC_AUTO_CREATE_ORGANISATION: organisationId, OIDC_LABEL: '  Sign in with NHSmail  ' }, cwd).oidc
    assert.equal(configured?.autoCreateOrganisationId, organisationId)
    assert.equal(configured?.label, 'Sign in with NHSmail')
  })

  it('allows a plain-http provider only on this machine', () => {
    assert.equal(loadConfig({ ...sso, OIDC_ISSUER: 'http://127.0.0.1:4000' }, cwd).oidc?.issuer, 'http://127.0.0.1:4000')
    assert.equal(loadConfig({ ...sso, OIDC_ISSUER: 'http://localhost:4000/realms/test' }, cwd).oidc?.issuer, 'http://localhost:4000/realms/test')
  })

  const refusals: Array<[Record<string, string>, string, RegExp]> = [
    [{ ...sso, OIDC_ISSUER: 'http://login.example.org' }, 'OIDC_ISSUER', /use the https:\/\/ issuer address/],
    [{ ...sso, OIDC_ISSUER: 'login.example.org' }, 'OIDC_ISSUER', /"login.example.org" is not allowed/],
    [{ ...sso, OIDC_ISSUER: 'https://login.example.org/?tenant=1' }, 'OIDC_ISSUER', /is not allowed/],
    [{ OIDC_CLIENT_ID: 'pathways' }, 'OIDC_ISSUER', /is needed when OIDC_CLIENT_ID is set/],
    [{ OIDC_AUTO_CREATE_ORGANISATION: '01900000-0000-7000-8000-000000000001' }, 'OIDC_ISSUER', /is needed when OIDC_AUTO_CREATE_ORGANISATION is set/],
    [{ ...sso, OIDC_CLIENT_ID: '' }, 'OIDC_CLIENT_ID', /is needed when OIDC_ISSUER is set/],
    [{ OIDC_ISSUER: sso.OIDC_ISSUER, OIDC_CLIENT_ID: 'pathways' }, 'OIDC_CLIENT_SECRET', /is needed when OIDC_ISSUER is set/],
    [{ ...sso, OIDC_AUTO_CREATE_ORGANISATION: 'Leeds NHS Trust' }, 'OIDC_AUTO_CREATE_ORGANISATION', /"Leeds NHS Trust" is not an organisation id/],
    [{ ...sso, OIDC_LABEL: '   ' }, 'OIDC_LABEL', /button text of 1 to 80 characters/],
    [{ ...sso, OIDC_LABEL: 'x'.repeat(81) }, 'OIDC_LABEL', /button text of 1 to 80 characters/],
  ]
  for (const [env, setting, message] of refusals) {
    it(`refuses ${setting} in ${JSON.stringify(env).slice(0, 90)}`, () => {
      const error = configError(env)
      assert.equal(error.setting, setting)
      assert.match(error.message, new RegExp(`^${setting}: `))
      assert.match(error.message, message)
    })
  }
})
