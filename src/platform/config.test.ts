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
