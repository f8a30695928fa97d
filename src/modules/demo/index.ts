import type { DatabaseHandle } from '../../platform/db/database.ts'

// Placeholder until the demo dataset lands.
export async function seedDemo(_database: DatabaseHandle): Promise<{ organisations: number; services: number; people: number } | null> {
  return null
}
