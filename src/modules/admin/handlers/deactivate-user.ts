import { endAllSessions } from '../../../platform/auth/sessions.ts'
import { setStatus, withdrawPasswordLinks } from '../repository.ts'
import { userCommand } from './user-command.ts'

/** Never a deletion: the account and its history stay; the person is signed out everywhere and any link they hold stops working. */
export const deactivateUser = userCommand({
  action: 'admin.user.deactivate',
  applies: (actions) => actions.deactivate,
  async change(tx, scope, user, now) {
    await setStatus(tx, scope, user.id, 'deactivated', now)
    await withdrawPasswordLinks(tx, scope, user.id, now)
    await endAllSessions(tx, user.id)
  },
})
