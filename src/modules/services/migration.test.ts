import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sql } from 'kysely'
import { migrations } from '../../../migrations/index.ts'
import { createTestDatabase, dialects, skipReason } from '../../../test/support/dialects.ts'
import { newId } from '../../platform/db/ids.ts'
import { migrate } from '../../platform/db/migrator.ts'

const directoryMigration = migrations.findIndex((migration) => migration.name === 'services-directory')

for (const dialect of dialects) {
  describe(`the services-directory migration [${dialect}]`, { skip: skipReason(dialect) }, () => {
    it('turns the old single setting into setting rows: custody is prison, and custody and community is both', async () => {
      const database = await createTestDatabase(dialect, { migrated: false })
      try {
        const { db } = database.handle
        await migrate(database.handle, migrations.slice(0, directoryMigration))
        const organisationId = newId()
        await sql`insert into organisation (id, name, type) values (${organisationId}, ${'Old Trust'}, ${'nhs_trust'})`.execute(db)
        const old = { custody: newId(), community: newId(), custody_and_community: newId() }
        for (const [setting, id] of Object.entries(old)) {
          await sql`insert into service (id, organisation_id, slug, name, summary, setting, is_public) values (${id}, ${organisationId}, ${`old-${setting.replaceAll('_', '-')}`}, ${'Old'}, ${'Old.'}, ${setting}, ${true})`.execute(db)
        }
        await migrate(database.handle, migrations)

        const rows = await db.selectFrom('service_setting').select(['service_id', 'setting']).orderBy('setting').execute()
        const settingsOf = (id: string) => rows.filter((row) => row.service_id === id).map((row) => row.setting)
        assert.deepEqual(settingsOf(old.custody), ['prison'])
        assert.deepEqual(settingsOf(old.community), ['community'])
        assert.deepEqual(settingsOf(old.custody_and_community), ['community', 'prison'])
        const service = await db.selectFrom('service').selectAll().where('id', '=', old.custody).executeTakeFirstOrThrow()
        assert.equal(service.description, '')
        assert.equal(service.contact_email, null)
        assert.ok(!('setting' in service), 'the old column is gone')
      } finally {
        await database.drop()
      }
    })
  })
}
