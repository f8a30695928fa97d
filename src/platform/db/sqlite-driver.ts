import type BetterSqlite3 from 'better-sqlite3'
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely'
import { sqliteReaders, toSqliteParameter } from './values.ts'

type Statement = BetterSqlite3.Statement<unknown[], Record<string, unknown>>
interface PreparedQuery {
  statement: Statement
  /** Column name → reader, for the columns whose declared type needs converting. */
  readers: Array<[string, (stored: unknown) => unknown]>
}

const statementCacheSize = 500

/**
 * better-sqlite3 behind Kysely, differing from Kysely's own driver in three ways:
 * prepared statements are cached (prepare is a large share of a simple query's cost),
 * values are converted both ways (values.ts), and transactions start with
 * BEGIN IMMEDIATE so that two processes writing the same file queue on the busy
 * timeout instead of failing when a read lock is upgraded.
 */
class SqliteConnection implements DatabaseConnection {
  readonly #statements = new Map<string, PreparedQuery>()

  constructor(readonly database: BetterSqlite3.Database) {}

  #prepare(sqlText: string): PreparedQuery {
    const cached = this.#statements.get(sqlText)
    if (cached) return cached
    const statement = this.database.prepare(sqlText) as Statement
    const readers: PreparedQuery['readers'] = []
    if (statement.reader) {
      for (const column of statement.columns()) {
        const reader = column.type ? sqliteReaders[column.type.toLowerCase()] : undefined
        if (reader) readers.push([column.name, reader])
      }
    }
    const prepared = { statement, readers }
    if (this.#statements.size >= statementCacheSize) {
      const oldest = this.#statements.keys().next().value
      if (oldest !== undefined) this.#statements.delete(oldest)
    }
    this.#statements.set(sqlText, prepared)
    return prepared
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { statement, readers } = this.#prepare(compiledQuery.sql)
    const parameters = compiledQuery.parameters.map(toSqliteParameter)
    if (statement.reader) {
      const rows = statement.all(...parameters)
      if (readers.length > 0) {
        for (const row of rows) {
          for (const [name, reader] of readers) row[name] = reader(row[name])
        }
      }
      return { rows: rows as R[] }
    }
    const { changes, lastInsertRowid } = statement.run(...parameters)
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) }
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const result = await this.executeQuery<R>(compiledQuery)
    for (const row of result.rows) yield { rows: [row] }
  }
}

/** One connection, handed out to one caller at a time (better-sqlite3 is synchronous). */
class SqliteDriver implements Driver {
  readonly #connection: SqliteConnection
  #queue: Promise<void> = Promise.resolve()
  #release: (() => void) | undefined

  constructor(database: BetterSqlite3.Database) {
    this.#connection = new SqliteConnection(database)
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue
    let release!: () => void
    this.#queue = new Promise<void>((resolve) => {
      release = resolve
    })
    await previous
    this.#release = release
    return this.#connection
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release
    this.#release = undefined
    release?.()
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'))
  }

  async destroy(): Promise<void> {
    this.#connection.database.close()
  }
}

export class PathwaysSqliteDialect implements Dialect {
  readonly driver: SqliteDriver

  constructor(database: BetterSqlite3.Database) {
    this.driver = new SqliteDriver(database)
  }

  createDriver(): Driver {
    return this.driver
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler()
  }

  createAdapter() {
    return new SqliteAdapter()
  }

  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db)
  }
}
