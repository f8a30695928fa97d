import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { Config } from '../src/platform/config.ts'
import { ProgressReporter } from './progress.ts'
import { UsageError, withDatabase } from './database.ts'

export const importUsage = `  import people FILE.csv --team TEAM_ID --user EMAIL
                 check a CSV of people and import them all for the team, or none
                 if any row is rejected (rejected rows on stdout; exit 1)`

const contentDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../content')

/**
 * `pathways import people`: the cohort import of the upload page, for files of any size,
 * acting as a named user (their scope decides what counts as a duplicate elsewhere) for
 * one of their teams. Exit codes: 0 imported, 1 rows rejected or the import failed, 2 usage.
 */
export async function importCommand(config: Config, args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { team: { type: 'string' }, user: { type: 'string' } } })
  const [what, file, ...extra] = positionals
  if (what !== 'people') throw new UsageError(`import: unknown kind "${what ?? ''}"; the only kind is "people"`)
  if (!file || extra.length > 0) throw new UsageError('import people: give one CSV file to import')
  if (!values.team) throw new UsageError('import people: --team TEAM_ID is required')
  if (!values.user) throw new UsageError('import people: --user EMAIL is required')
  const teamId = values.team
  const email = values.user.trim().toLowerCase()
  let size: number
  try {
    size = fs.statSync(file).size
  } catch {
    console.error(`pathways: cannot read ${file}`)
    return 1
  }

  const [{ loadContent }, { loadRoles }, { loadPrincipal }, { scopeFor }, { recordAudit }, { newId }, people] = await Promise.all([
    import('../src/platform/content/content.ts'),
    import('../src/platform/auth/roles.ts'),
    import('../src/platform/auth/principal.ts'),
    import('../src/platform/auth/scope.ts'),
    import('../src/platform/audit/index.ts'),
    import('../src/platform/db/ids.ts'),
    import('../src/modules/person-import/index.ts'),
  ])
  const content = loadContent(contentDirectory, { strict: true })

  return withDatabase(config, async ({ db, dialect }) => {
    const user = await db.selectFrom('staff_user').select('id').where('email', '=', email).where('status', '=', 'active').executeTakeFirst()
    const principal = user ? await loadPrincipal(db, loadRoles(content), user.id) : null
    if (!principal) {
      console.error(`pathways: no active user with e-mail ${email}`)
      return 1
    }
    if (!principal.capabilities.has('person:import')) {
      console.error(`pathways: ${email} may not import people (no role with person:import)`)
      return 1
    }
    if (!principal.teamIds.includes(teamId)) {
      console.error(`pathways: ${email} is not a member of team ${teamId}`)
      return 1
    }
    const scope = scopeFor(principal)
    const source = { open: () => fs.createReadStream(file, { highWaterMark: 1024 * 1024 }) }
    const progress = new ProgressReporter(process.stderr)
    progress.begin('Checking rows')

    const checked = await people.checkFile(db, scope, source, {
      onRejected: (row) => console.log(`Row ${row.row}: ${people.reasonInWords(row.problems, content)}`),
      onProgress: (state) => state.phase === 'validating' && progress.update(size === 0 ? 1 : state.bytes / size, state.rows),
    })
    progress.finishLine()
    if (!checked.ok) {
      console.error(`pathways: ${file}: ${content.t(checked.problem.key, checked.problem.params)}`)
      return 1
    }

    const importId = newId()
    const record = { id: importId, requestedBy: principal.userId, teamId, checksum: checked.checksum, columns: checked.columns, rows: checked.rows, rejected: checked.rejected }
    const audit = (imported: number) => ({
      action: 'person-import.import',
      userId: principal.userId,
      organisationId: principal.organisationId,
      purpose: scope.purpose,
      route: 'cli import people',
      recordType: 'person_import',
      recordId: importId,
      details: { rows: checked.rows, rejected: checked.rejected, imported, checksum: checked.checksum, teamId },
    })
    if (checked.rejected > 0) {
      await db.transaction().execute(async (tx) => {
        await people.recordImport(tx, { ...record, status: 'rejected', imported: 0 })
        await recordAudit(tx, dialect, { ...audit(0), outcome: 'failed' })
      })
      console.error(`pathways: ${checked.rejected} of ${checked.rows} rows rejected (listed above); no one was imported`)
      return 1
    }
    progress.begin('Importing')
    const imported = await people.insertPeople(db, source, checked, {
      actorUserId: principal.userId,
      teamId,
      onProgress: (state) => state.phase === 'inserting' && progress.update(state.of === 0 ? 1 : state.rows / state.of, state.rows),
      finish: async (tx, count) => {
        await people.recordImport(tx, { ...record, status: 'imported', imported: count })
        await recordAudit(tx, dialect, { ...audit(count), outcome: 'allowed' })
      },
    })
    progress.finishLine()
    console.log(`Imported ${imported} people for team ${teamId}.`)
    return 0
  }).catch((error: unknown) => {
    if (!(error instanceof people.FileChangedError)) throw error
    console.error(`pathways: ${file} changed while it was being imported; no one was imported`)
    return 1
  })
}
