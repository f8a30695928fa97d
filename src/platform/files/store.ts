import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Db } from '../db/database.ts'
import { isId, newId } from '../db/ids.ts'

export type StorageKind = 'disk' | 'database'

/**
 * Where uploaded bytes live, under keys the store generates (never a name a user chose).
 * Callers pass their transaction: the database store writes in it, so the bytes commit
 * with the row that refers to them; the disk store cannot, and says how to undo a write.
 */
export interface FileStore {
  readonly kind: StorageKind
  save(db: Db, bytes: Uint8Array): Promise<string>
  /** The bytes under `key`, or undefined when there are none. */
  read(db: Db, key: string): Promise<Buffer | undefined>
  /** Removes bytes saved for a change that was then rolled back. */
  discard(db: Db, key: string): Promise<void>
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Files in a folder, spread over 256 subfolders by the key's last two hex digits. */
export class DiskFileStore implements FileStore {
  readonly kind = 'disk'

  constructor(readonly directory: string) {}

  #pathOf(key: string): string {
    // Keys are generated ids; anything else never becomes part of a path.
    if (!isId(key)) throw new RangeError('not a stored file key')
    return path.join(this.directory, key.slice(-2), key)
  }

  async save(_db: Db, bytes: Uint8Array): Promise<string> {
    const key = newId()
    const target = this.#pathOf(key)
    await fs.mkdir(path.dirname(target), { recursive: true })
    // Written whole under a temporary name, then renamed: a reader never sees half a file.
    const partial = `${target}.${randomBytes(6).toString('hex')}.partial`
    const handle = await fs.open(partial, 'wx', 0o600)
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(partial, target)
    return key
  }

  async read(_db: Db, key: string): Promise<Buffer | undefined> {
    try {
      return await fs.readFile(this.#pathOf(key))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
  }

  async discard(_db: Db, key: string): Promise<void> {
    await fs.rm(this.#pathOf(key), { force: true })
  }
}

/** Files as rows of `stored_file`: nothing for several app instances to share but the database. */
export class DatabaseFileStore implements FileStore {
  readonly kind = 'database'

  async save(db: Db, bytes: Uint8Array): Promise<string> {
    const key = newId()
    await db.insertInto('stored_file').values({ key, content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }).execute()
    return key
  }

  async read(db: Db, key: string): Promise<Buffer | undefined> {
    if (!isId(key)) return undefined
    const row = await db.selectFrom('stored_file').select('content').where('key', '=', key).executeTakeFirst()
    return row ? Buffer.from(row.content) : undefined
  }

  async discard(): Promise<void> {
    // Saved in the caller's transaction: the rollback already removed it.
  }
}

/** Both stores: new files go to the configured one, and each file is read from the one it was saved in. */
export interface FileStores {
  forNewFiles: FileStore
  of(kind: StorageKind): FileStore
}

export function fileStores(storage: StorageKind, directory: string): FileStores {
  const stores: Record<StorageKind, FileStore> = { disk: new DiskFileStore(directory), database: new DatabaseFileStore() }
  return { forNewFiles: stores[storage], of: (kind) => stores[kind] }
}
