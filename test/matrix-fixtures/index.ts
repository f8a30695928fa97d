import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Db } from '../../src/platform/db/database.ts'

/** The home records every module's fixtures may build on (see test/support/authorisation-matrix.ts). */
export interface MatrixBase {
  homeOrganisationId: string
  foreignOrganisationId: string
  homeTeamId: string
  foreignTeamId: string
  /** A person with an open involvement with the home team. */
  personId: string
  /** A home user (volunteer) who may own records. */
  userId: string
  serviceId: string
  /** An element of the home service, holding the allocation below. */
  elementId: string
  referralId: string
  /** An active allocation (a case) of the person in the home service, the home user its keyworker. */
  allocationId: string
}

/**
 * A module's fixtures for the authorisation matrix: one home record per path parameter its
 * routes take, and which of those parameters name home-organisation records (a foreign
 * user must get 403 or 404 for them). One file per module in this folder.
 */
export interface ModuleMatrixFixtures {
  recordParams: readonly string[]
  create(db: Db, base: MatrixBase): Promise<Record<string, string>>
}

const here = path.dirname(fileURLToPath(import.meta.url))
const files = fs.readdirSync(here).filter((name) => name.endsWith('.ts') && name !== 'index.ts').sort()

export const moduleMatrixFixtures: readonly ModuleMatrixFixtures[] = await Promise.all(files.map(async (name) => ((await import(pathToFileURL(path.join(here, name)).href)) as { fixtures: ModuleMatrixFixtures }).fixtures))
