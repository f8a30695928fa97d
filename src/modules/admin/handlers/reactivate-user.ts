import { setStatus } from '../repository.ts'
import { statusAfterReactivation } from '../rules.ts'
import { userCommand } from './user-command.ts'

export const reactivateUser = userCommand({
  action: 'admin.user.reactivate',
  applies: (actions) => actions.reactivate,
  change: (tx, scope, user, now) => setStatus(tx, scope, user.id, statusAfterReactivation(user.has_password), now),
})
