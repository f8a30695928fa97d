import { defineRoutes } from '../../platform/http/routes.ts'
import { addOrganisation, showNewOrganisation } from './handlers/add-organisation.ts'
import { addTeam, showNewTeam } from './handlers/add-team.ts'
import { changeAccess, showChangeAccess } from './handlers/change-access.ts'
import { deactivateUser } from './handlers/deactivate-user.ts'
import { inviteUser, showInviteUser } from './handlers/invite-user.ts'
import { issuePasswordLink } from './handlers/issue-password-link.ts'
import { showOrganisations } from './handlers/list-organisations.ts'
import { showTeams } from './handlers/list-teams.ts'
import { showUsers } from './handlers/list-users.ts'
import { reactivateUser } from './handlers/reactivate-user.ts'
import { setPassword, showPasswordSet, showSetPassword } from './handlers/set-password.ts'
import { showOrganisation } from './handlers/show-organisation.ts'
import { showUser } from './handlers/show-user.ts'
import { unlockUser } from './handlers/unlock-user.ts'
import { adminPaths as paths } from './paths.ts'

/**
 * Administration reads no person-level data, so its pages declare no audit event; every
 * change declares and writes one. `organisation:administer` reaches only the administrator's
 * own organisation (the repository's scope); system administrators reach every one.
 */
export const adminRoutes = defineRoutes([
  { method: 'GET', path: paths.organisations.pattern, capability: 'organisation:administer', audit: 'none', handler: showOrganisations },
  { method: 'GET', path: paths.newOrganisation.pattern, capability: 'system:administer', audit: 'none', handler: showNewOrganisation },
  { method: 'POST', path: paths.organisations.pattern, capability: 'system:administer', audit: 'admin.organisation.create', handler: addOrganisation },
  { method: 'GET', path: paths.organisation.pattern, capability: 'organisation:administer', audit: 'none', handler: showOrganisation },

  { method: 'GET', path: paths.teams.pattern, capability: 'organisation:administer', audit: 'none', handler: showTeams },
  { method: 'GET', path: paths.newTeam.pattern, capability: 'organisation:administer', audit: 'none', handler: showNewTeam },
  { method: 'POST', path: paths.teams.pattern, capability: 'organisation:administer', audit: 'admin.team.create', handler: addTeam },

  { method: 'GET', path: paths.users.pattern, capability: 'organisation:administer', audit: 'none', handler: showUsers },
  { method: 'GET', path: paths.inviteUser.pattern, capability: 'organisation:administer', audit: 'none', handler: showInviteUser },
  { method: 'POST', path: paths.users.pattern, capability: 'organisation:administer', audit: 'admin.user.invite', handler: inviteUser },
  { method: 'GET', path: paths.user.pattern, capability: 'organisation:administer', audit: 'none', handler: showUser },
  { method: 'GET', path: paths.userAccess.pattern, capability: 'organisation:administer', audit: 'none', handler: showChangeAccess },
  { method: 'POST', path: paths.userAccess.pattern, capability: 'organisation:administer', audit: 'admin.user.change-access', handler: changeAccess },
  { method: 'POST', path: paths.deactivateUser.pattern, capability: 'organisation:administer', audit: 'admin.user.deactivate', handler: deactivateUser },
  { method: 'POST', path: paths.reactivateUser.pattern, capability: 'organisation:administer', audit: 'admin.user.reactivate', handler: reactivateUser },
  { method: 'POST', path: paths.unlockUser.pattern, capability: 'organisation:administer', audit: 'admin.user.unlock', handler: unlockUser },
  { method: 'POST', path: paths.issuePasswordLink.pattern, capability: 'organisation:administer', audit: 'admin.user.issue-password-link', handler: issuePasswordLink },

  { method: 'GET', path: paths.setPassword.pattern, capability: 'public', audit: 'none', handler: showSetPassword },
  // Writes account.password.set all the same; public routes may not declare an event (routes.test.ts), as they are meant to show no personal data.
  { method: 'POST', path: paths.setPassword.pattern, capability: 'public', audit: 'none', handler: setPassword },
  { method: 'GET', path: paths.passwordSet.pattern, capability: 'public', audit: 'none', handler: showPasswordSet },
])
