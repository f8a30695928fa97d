import { createTestApp } from './test/support/app.ts'
import { createTestDatabase } from './test/support/dialects.ts'
const database = await createTestDatabase('sqlite')
const { app } = await createTestApp(database)
const doc = (await app.inject('/api/docs/openapi.json')).json() as { paths: Record<string, unknown> }
for (const [path, ops] of Object.entries(doc.paths)) if (path.includes('waiting-list') || path.includes('allocations') || path.includes('caseload')) console.log(path, JSON.stringify(ops).slice(0, 1500))
await app.close(); await database.drop()
