import { clearLock } from '../repository.ts'
import { userCommand } from './user-command.ts'

/** For a user locked out by wrong passwords who cannot wait for the lock to run out. */
export const unlockUser = userCommand({
  action: 'admin.user.unlock',
  applies: (actions) => actions.unlock,
  change: (tx, scope, user, now) => clearLock(tx, scope, user.id, now),
})
