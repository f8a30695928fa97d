import path from 'node:path'
import type { Config } from '../config.ts'
import type { StorageKind } from './store.ts'

export interface FileSettings {
  storage: StorageKind
  directory: string
  maxMegabytes: number
}

/**
 * The file settings with their defaults filled in from the database in use: with SQLite
 * everything sits in one folder, so files go to disk beside the database; with PostgreSQL
 * app instances are stateless and share only the database, so files go there.
 */
export function fileSettings(config: Pick<Config, 'database' | 'fileStorage' | 'filesDir' | 'maxUploadMb'>): FileSettings {
  const besideDatabase = config.database.dialect === 'sqlite' && config.database.file !== ':memory:' ? path.join(path.dirname(config.database.file), 'files') : path.resolve('.data/files')
  return {
    storage: config.fileStorage ?? (config.database.dialect === 'postgres' ? 'database' : 'disk'),
    directory: config.filesDir ?? besideDatabase,
    maxMegabytes: config.maxUploadMb,
  }
}
