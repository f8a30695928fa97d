import type { Config } from '../src/platform/config.ts'
import { UsageError, withDatabase } from './database.ts'

export const forumUsage = `  forum purge    destroy the safeguarding copies of forum posts their authors deleted, once
                 their retention period (content/forum-settings.yml) is over; run it daily`

/** `pathways forum purge`: the end of a deleted post's safeguarding copy (docs/adr/0008-forum-members.md). */
export async function forumCommand(config: Config, action: string | undefined, now: Date = new Date()): Promise<number> {
  if (action !== 'purge') throw new UsageError(`forum: unknown action "${action ?? ''}"; the only action is "purge"`)
  const { purgeRetainedPosts } = await import('../src/modules/forum/index.ts')
  const destroyed = await withDatabase(config, (database) => purgeRetainedPosts(database, now))
  console.log(`Destroyed ${destroyed} safeguarding ${destroyed === 1 ? 'copy' : 'copies'} of deleted forum posts.`)
  return 0
}
